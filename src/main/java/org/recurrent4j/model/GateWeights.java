package org.recurrent4j.model;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The fused gate weights of a stacked LSTM or GRU: per layer, one input matrix, one recurrent matrix and one
 * bias, each a stack of one row block per gate, named as RecurrentJS names them ({@code Wix0 Wih0 bi0 …}).
 */
record GateWeights(RowBlocks[] wx, RowBlocks[] wh, RowBlocks[] b) {

    /** Draws the weights of every layer and appends the named blocks to {@code params}, gate by gate. */
    static GateWeights create(String[] gates, int inputSize, List<Integer> sizes, List<Parameter> params, Init init,
                              RandomGenerator rng) {
        int layers = sizes.size();
        RowBlocks[] wx = new RowBlocks[layers];
        RowBlocks[] wh = new RowBlocks[layers];
        RowBlocks[] b = new RowBlocks[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            wx[j] = new RowBlocks(gates.length, h, j == 0 ? inputSize : sizes.get(j - 1));
            wh[j] = new RowBlocks(gates.length, h, h);
            b[j] = new RowBlocks(gates.length, h, 1);
            for (int k = 0; k < gates.length; k++) {
                StackedModel.weight(params, "W" + gates[k] + "x" + j, wx[j].block(k), init, rng);
                StackedModel.weight(params, "W" + gates[k] + "h" + j, wh[j].block(k), init, rng);
                StackedModel.bias(params, "b" + gates[k] + j, b[j].block(k));
            }
        }
        return new GateWeights(wx, wh, b);
    }
}
