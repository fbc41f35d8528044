package org.recurrent4j.bench.peers;

import java.util.List;

/**
 * One configuration of the inference comparison: scoring {@code batch} streams of text in chunks of 50 with a
 * model of two layers of {@code hidden} units, embedding 64 and 65 characters, on one thread.
 *
 * @param name   a short label, e.g. {@code infer-lstm-128-b1}
 * @param kind   {@code lstm} or {@code gru-reset-after}, the kinds PyTorch and the engine share
 * @param hidden units per layer
 * @param batch  streams scored at once
 */
record InferenceConfig(String name, String kind, int hidden, int batch) {

    static List<InferenceConfig> standard() {
        return List.of(of("lstm", 128, 1), of("lstm", 128, 32), of("lstm", 512, 1), of("lstm", 512, 32),
                of("gru-reset-after", 128, 32));
    }

    private static InferenceConfig of(String kind, int hidden, int batch) {
        return new InferenceConfig("infer-" + kind + "-" + hidden + "-b" + batch, kind, hidden, batch);
    }
}
