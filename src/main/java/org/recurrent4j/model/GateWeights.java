package org.recurrent4j.model;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The fused gate weights of a stacked LSTM or GRU: per layer, one input matrix, one recurrent matrix and one
 * bias, each a stack of one row block per gate, named as RecurrentJS names them ({@code Wix0 Wih0 bi0 …}). The
 * gated-feedback kinds add a candidate gate whose recurrent term is the gated feedback of every layer
 * ({@link GatedFeedback}) rather than a row block: it has an input block and a bias block only.
 */
record GateWeights(RowBlocks[] wx, RowBlocks[] wh, RowBlocks[] b, GatedFeedback[] feedback) {

    /** Draws the weights of every layer and appends the named blocks to {@code params}, gate by gate. */
    static GateWeights create(String[] gates, int inputSize, List<Integer> sizes, List<Parameter> params, Init init,
                              RandomGenerator rng) {
        return create(gates, null, null, null, inputSize, sizes, params, init, rng);
    }

    /**
     * As {@link #create(String[], int, List, List, Init, RandomGenerator)}, then per layer a candidate gate named
     * {@code candidate}: its input block (the last of {@code wx}), the feedback's U^{i→j} (named {@code uName}),
     * its bias block (the last of {@code b}), then the feedback's gates; {@code wh} holds the other gates only.
     */
    static GateWeights withFeedback(String[] gates, String candidate, FeedbackGate gate, String uName, int inputSize,
                                    List<Integer> sizes, List<Parameter> params, Init init, RandomGenerator rng) {
        return create(gates, candidate, gate, uName, inputSize, sizes, params, init, rng);
    }

    private static GateWeights create(String[] gates, String candidate, FeedbackGate gate, String uName, int inputSize,
                                      List<Integer> sizes, List<Parameter> params, Init init, RandomGenerator rng) {
        int layers = sizes.size();
        int inputBlocks = gates.length + (candidate == null ? 0 : 1);
        RowBlocks[] wx = new RowBlocks[layers];
        RowBlocks[] wh = new RowBlocks[layers];
        RowBlocks[] b = new RowBlocks[layers];
        GatedFeedback[] feedback = candidate == null ? null : new GatedFeedback[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            int in = j == 0 ? inputSize : sizes.get(j - 1);
            wx[j] = new RowBlocks(inputBlocks, h, in);
            wh[j] = new RowBlocks(gates.length, h, h);
            b[j] = new RowBlocks(inputBlocks, h, 1);
            for (int k = 0; k < gates.length; k++) {
                StackedModel.weight(params, "W" + gates[k] + "x" + j, wx[j].block(k), init, rng);
                StackedModel.weight(params, "W" + gates[k] + "h" + j, wh[j].block(k), init, rng);
                StackedModel.bias(params, "b" + gates[k] + j, b[j].block(k));
            }
            if (candidate != null) {
                StackedModel.weight(params, "W" + candidate + "x" + j, wx[j].block(gates.length), init, rng);
                feedback[j] = new GatedFeedback(gate, j, in, sizes, uName, init, rng);
                params.addAll(feedback[j].recurrentParameters());
                StackedModel.bias(params, "b" + candidate + j, b[j].block(gates.length));
                params.addAll(feedback[j].gateParameters());
            }
        }
        return new GateWeights(wx, wh, b, feedback);
    }
}
