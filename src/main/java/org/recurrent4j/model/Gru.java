package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The stacked GRU in its classic form, the reset applied before the recurrent product (docs/math.md#gru), kind
 * {@code gru}. Parameters per layer j: {@code Wux{j} Wuh{j} bu{j} Wrx{j} Wrh{j} br{j} Wcx{j} Wch{j} bc{j}}, then
 * {@code Whd bd}. Each layer stores its three input matrices as one (3H)×P matrix, its recurrent ones as one
 * (3H)×H and its biases as one (3H)×1, so that a step makes one input product and one recurrent product for u
 * and r.
 */
public final class Gru extends StackedModel {
    /** The gate order of the fused matrices: u and r first, so that they form one block. */
    private static final int C = 2;
    private static final String[] GATES = {"u", "r", "c"};

    private final RowBlocks[] wx;
    private final RowBlocks[] wh;
    private final RowBlocks[] b;
    /** Per layer, the u and r rows of the recurrent matrices and of the biases: views made once. */
    private final Mat[] whUr;
    private final Mat[] bUr;

    public Gru(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        List<Integer> sizes = checkSizes("gru", inputSize, hiddenSizes, outputSize, init, rng);
        List<Parameter> params = new ArrayList<>();
        GateWeights gw = GateWeights.create(GATES, inputSize, sizes, params, init, rng);
        this.wx = gw.wx();
        this.wh = gw.wh();
        this.b = gw.b();
        this.whUr = RowBlocks.spans(gw.wh(), 0, 2);
        this.bUr = RowBlocks.spans(gw.b(), 0, 2);
        super("gru", inputSize, sizes, outputSize, false, params, init, rng);
    }

    /**
     * Per layer: one product of the three input matrices, one of the u and r recurrent matrices (they read
     * h₋₁; the candidate's reads r ⊙ h₋₁ and stays apart), one add of the u, r biases and one sigmoid give u and
     * r as row blocks.
     */
    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        for (int j = 0; j < wx.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
            Mat hPrev = previous.hidden().get(j);
            int h = hPrev.rows;
            Mat inputs = g.mul(wx[j].whole, in);
            Mat gates = g.sigmoid(g.add(g.rowBlock(inputs, 0, 2 * h), g.mul(whUr[j], hPrev), bUr[j]));
            Mat update = g.rowBlock(gates, 0, h);
            Mat reset = g.rowBlock(gates, h, h);
            Mat candidate = g.tanh(g.add(g.rowBlock(inputs, 2 * h, h), g.mul(wh[j].block(C), g.eltmul(reset, hPrev)),
                    b[j].block(C)));
            hidden[j] = interpolate(g, update, hPrev, candidate);
        }
    }

    @Override
    public boolean hasSequenceForm() {
        return true;
    }

    /** Per layer: one product for every step's [u r ĉ] inputs, the recurrence, then the decoder on every step. */
    @Override
    Mat sequence(Graph g, FirstProjection first, int batch, State initial, State last, Dropout dropout) {
        Mat in = null;
        for (int j = 0; j < wx.length; j++) {
            Mat pre = j == 0 ? first.project(g, wx[0].whole, b[0].whole)
                    : g.linearRows(dropout.apply(g, in), wx[j].whole, b[j].whole);
            in = g.gruLayer(pre, wh[j].whole, initial.hidden().get(j), batch,
                    last == null ? null : last.hidden().get(j));
        }
        return decodeRows(g, in, dropout);
    }

    /** (1 − u) ⊙ h₋₁ + u ⊙ h̃, the GRU's (and GF-GRU's) final mix. */
    static Mat interpolate(Graph g, Mat update, Mat hPrev, Mat candidate) {
        Mat keep = g.addScalar(g.scale(update, -1f), 1f);
        return g.add(g.eltmul(keep, hPrev), g.eltmul(update, candidate));
    }
}
