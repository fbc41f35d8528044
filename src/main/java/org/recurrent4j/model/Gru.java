package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The stacked GRU in its classic form, the reset applied before the recurrent product (SPEC §4), kind
 * {@code gru}. Parameters per layer j: {@code Wux{j} Wuh{j} bu{j} Wrx{j} Wrh{j} br{j} Wcx{j} Wch{j} bc{j}}, then
 * {@code Whd bd}. Each layer stores its three input matrices as one (3H)×P matrix, its recurrent ones as one
 * (3H)×H and its biases as one (3H)×1.
 */
public final class Gru extends StackedModel {
    private static final int U = 0, R = 1, C = 2;
    private static final String[] GATES = {"u", "r", "c"};

    private final RowBlocks[] wx;
    private final RowBlocks[] wh;
    private final RowBlocks[] b;

    public Gru(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        List<Integer> sizes = checkSizes("gru", inputSize, hiddenSizes, outputSize, init, rng);
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
        super("gru", inputSize, sizes, outputSize, false, params, init, rng);
    }

    @Override
    void layers(Graph g, Mat x, State previous, List<Mat> hidden, List<Mat> cells) {
        for (int j = 0; j < wx.length; j++) {
            Mat in = j == 0 ? x : hidden.get(j - 1);
            Mat hPrev = previous.hidden().get(j);
            Mat update = g.sigmoid(affine(g, wx[j].block(U), in, wh[j].block(U), hPrev, b[j].block(U)));
            Mat reset = g.sigmoid(affine(g, wx[j].block(R), in, wh[j].block(R), hPrev, b[j].block(R)));
            Mat candidate = g.tanh(affine(g, wx[j].block(C), in, wh[j].block(C), g.eltmul(reset, hPrev),
                    b[j].block(C)));
            hidden.add(interpolate(g, update, hPrev, candidate));
        }
    }

    /** (1 − u) ⊙ h₋₁ + u ⊙ h̃, the GRU's (and GF-GRU's) final mix. */
    static Mat interpolate(Graph g, Mat update, Mat hPrev, Mat candidate) {
        Mat keep = g.addScalar(g.scale(update, -1f), 1f);
        return g.add(g.eltmul(keep, hPrev), g.eltmul(update, candidate));
    }
}
