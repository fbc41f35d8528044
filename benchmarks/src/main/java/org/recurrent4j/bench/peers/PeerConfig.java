package org.recurrent4j.bench.peers;

import java.util.List;

/**
 * One configuration of the peer benchmark: a model and a data mode trained on a number of threads, the same way
 * by {@code recurrent4j train} and by the PyTorch script.
 *
 * @param name    a short label, e.g. {@code lstm-2x128-t1}
 * @param kind    the model kind: {@code lstm}, {@code gru}, {@code rnn-tanh}, {@code rnn}
 * @param layers  hidden layers
 * @param hidden  units per layer
 * @param embed   embedding size
 * @param batch   parallel streams (corpus mode) or sentences per step (sentence mode)
 * @param seq     characters per stream per step (corpus mode)
 * @param threads threads for the engine's kernels and for OpenBLAS under PyTorch
 * @param corpus  corpus mode on tinyshakespeare, or sentence mode on the seed demo's sentences
 */
record PeerConfig(String name, String kind, int layers, int hidden, int embed, int batch, int seq, int threads,
                  boolean corpus) {

    /** The configurations the performance targets are set for. */
    static List<PeerConfig> standard() {
        return List.of(
                corpus("lstm", 128, 1), corpus("lstm", 128, 2),
                corpus("lstm", 512, 1), corpus("lstm", 512, 2),
                corpus("gru", 128, 1), corpus("gru", 128, 2),
                corpus("rnn-tanh", 128, 1), corpus("rnn-tanh", 128, 2),
                new PeerConfig("seed-demo-t1", "lstm", 2, 20, 5, 1, 0, 1, false));
    }

    private static PeerConfig corpus(String kind, int hidden, int threads) {
        return new PeerConfig(kind + "-2x" + hidden + "-t" + threads, kind, 2, hidden, 64, 50, 50, threads, true);
    }

    /**
     * Floating-point operations per predicted character of one training step, counted as a dense implementation
     * does them: every product's multiply-adds (the gates' input and recurrent products, the decoder) twice for
     * the forward pass and twice each for the input and weight gradients, at 2 flops per multiply-add.
     * Element-wise work, softmax and the optimizer are not counted.
     */
    long flopsPerChar(int vocabulary) {
        int gates = switch (kind) {
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> 1;
        };
        long macs = 0;
        int in = embed;
        for (int l = 0; l < layers; l++) {
            macs += (long) gates * hidden * (in + hidden);
            in = hidden;
        }
        macs += (long) vocabulary * hidden;
        return 3 * 2 * macs;
    }
}
