package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The stacked LSTM without peepholes (SPEC §4), kind {@code lstm}. Parameters per layer j, as RecurrentJS names
 * them: {@code Wix{j} Wih{j} bi{j} Wfx{j} Wfh{j} bf{j} Wox{j} Woh{j} bo{j} Wcx{j} Wch{j} bc{j}}, then
 * {@code Whd bd}. Each layer stores its four input matrices as row blocks of one (4H)×P matrix, its four
 * recurrent matrices as one (4H)×H and its biases as one (4H)×1, ready for a fused product.
 */
public final class Lstm extends StackedModel {
    private static final int I = 0, F = 1, O = 2, C = 3;
    private static final String[] GATES = {"i", "f", "o", "c"};

    private final RowBlocks[] wx;
    private final RowBlocks[] wh;
    private final RowBlocks[] b;

    public Lstm(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        List<Integer> sizes = checkSizes("lstm", inputSize, hiddenSizes, outputSize, init, rng);
        int layers = sizes.size();
        List<Parameter> params = new ArrayList<>();
        RowBlocks[] wx = new RowBlocks[layers];
        RowBlocks[] wh = new RowBlocks[layers];
        RowBlocks[] b = new RowBlocks[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            wx[j] = new RowBlocks(GATES.length, h, j == 0 ? inputSize : sizes.get(j - 1));
            wh[j] = new RowBlocks(GATES.length, h, h);
            b[j] = new RowBlocks(GATES.length, h, 1);
            for (int k = 0; k < GATES.length; k++) {
                weight(params, "W" + GATES[k] + "x" + j, wx[j].block(k), init, rng);
                weight(params, "W" + GATES[k] + "h" + j, wh[j].block(k), init, rng);
                bias(params, "b" + GATES[k] + j, b[j].block(k));
            }
        }
        this.wx = wx;
        this.wh = wh;
        this.b = b;
        super("lstm", inputSize, sizes, outputSize, true, params, init, rng);
    }

    @Override
    void layers(Graph g, Mat x, State previous, List<Mat> hidden, List<Mat> cells) {
        for (int j = 0; j < wx.length; j++) {
            Mat in = j == 0 ? x : hidden.get(j - 1);
            Mat hPrev = previous.hidden().get(j);
            Mat input = g.sigmoid(gate(g, j, I, in, hPrev));
            Mat forget = g.sigmoid(gate(g, j, F, in, hPrev));
            Mat output = g.sigmoid(gate(g, j, O, in, hPrev));
            Mat write = g.tanh(gate(g, j, C, in, hPrev));
            Mat cell = g.add(g.eltmul(forget, previous.cells().get(j)), g.eltmul(input, write));
            cells.add(cell);
            hidden.add(g.eltmul(output, g.tanh(cell)));
        }
    }

    private Mat gate(Graph g, int layer, int gate, Mat in, Mat hPrev) {
        return affine(g, wx[layer].block(gate), in, wh[layer].block(gate), hPrev, b[layer].block(gate));
    }
}
