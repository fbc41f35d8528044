package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The gated-feedback GRU (docs/math.md#gf-gru), kind {@code gf-gru} (vector gates) or {@code gf-gru-scalar}: u
 * and r as in the GRU from the layer's own h^j_{t−1}, then
 * {@code h̃ = tanh(Wcx·in_j + r ⊙ Σᵢ g^{i→j} ⊙ (U^{i→j}·h^i_{t−1}) + bc)} and
 * {@code h_t = (1 − u) ⊙ h₋₁ + u ⊙ h̃}. Parameters per layer j:
 * {@code Wux{j} Wuh{j} bu{j} Wrx{j} Wrh{j} br{j} Wcx{j}}, {@code Wch{i}to{j}} (U^{i→j}, H_j×H_i) for every layer i,
 * {@code bc{j}}, then {@code Wgx{i}to{j} Wgh{i}to{j} bg{i}to{j}} for every i; finally {@code Whd bd}.
 */
public final class GfGru extends StackedModel {
    private static final int U = 0, R = 1, C = 2;

    private final RowBlocks[] wx; // Wux, Wrx, Wcx
    private final RowBlocks[] wh; // Wuh, Wrh
    private final RowBlocks[] b; // bu, br, bc
    private final Mat[] bUr; // bu and br as one view per layer
    private final GatedFeedback[] feedback;

    /** A GF-GRU with RecurrentNN.jl's vector gates. */
    public GfGru(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        this(inputSize, hiddenSizes, outputSize, FeedbackGate.VECTOR, init, rng);
    }

    public GfGru(int inputSize, List<Integer> hiddenSizes, int outputSize, FeedbackGate gate, Init init,
                 RandomGenerator rng) {
        String kind = gate == FeedbackGate.SCALAR ? "gf-gru-scalar" : "gf-gru";
        List<Integer> sizes = checkSizes(kind, inputSize, hiddenSizes, outputSize, init, rng);
        if (gate == null) throw new IllegalArgumentException(kind + ": gate is required");
        int layers = sizes.size();
        List<Parameter> params = new ArrayList<>();
        RowBlocks[] wx = new RowBlocks[layers];
        RowBlocks[] wh = new RowBlocks[layers];
        RowBlocks[] b = new RowBlocks[layers];
        GatedFeedback[] feedback = new GatedFeedback[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            int in = j == 0 ? inputSize : sizes.get(j - 1);
            wx[j] = new RowBlocks(3, h, in);
            wh[j] = new RowBlocks(2, h, h);
            b[j] = new RowBlocks(3, h, 1);
            weight(params, "Wux" + j, wx[j].block(U), init, rng);
            weight(params, "Wuh" + j, wh[j].block(U), init, rng);
            bias(params, "bu" + j, b[j].block(U));
            weight(params, "Wrx" + j, wx[j].block(R), init, rng);
            weight(params, "Wrh" + j, wh[j].block(R), init, rng);
            bias(params, "br" + j, b[j].block(R));
            weight(params, "Wcx" + j, wx[j].block(C), init, rng);
            feedback[j] = new GatedFeedback(gate, j, in, sizes, "Wch", init, rng);
            params.addAll(feedback[j].recurrentParameters());
            bias(params, "bc" + j, b[j].block(C));
            params.addAll(feedback[j].gateParameters());
        }
        this.wx = wx;
        this.wh = wh;
        this.b = b;
        this.bUr = RowBlocks.spans(b, U, 2);
        this.feedback = feedback;
        super(kind, inputSize, sizes, outputSize, false, params, init, rng);
    }

    /**
     * Per layer: one product of Wux, Wrx and Wcx with the input, one of Wuh and Wrh with h₋₁, one sigmoid for u
     * and r, then the gated feedback and the candidate.
     */
    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells) {
        Mat hStar = GatedFeedback.stack(g, previous.hidden());
        for (int j = 0; j < wx.length; j++) {
            Mat in = j == 0 ? x : hidden[j - 1];
            Mat hPrev = previous.hidden().get(j);
            int h = hPrev.rows;
            Mat inputs = g.mul(wx[j].whole, in);
            Mat gates = g.sigmoid(g.add(g.rowBlock(inputs, 0, 2 * h), g.mul(wh[j].whole, hPrev), bUr[j]));
            Mat recurrent = g.eltmul(g.rowBlock(gates, h, h), feedback[j].apply(g, in, hStar, previous.hidden()));
            Mat candidate = g.tanh(g.add(g.rowBlock(inputs, 2 * h, h), recurrent, b[j].block(C)));
            hidden[j] = Gru.interpolate(g, g.rowBlock(gates, 0, h), hPrev, candidate);
        }
    }
}
