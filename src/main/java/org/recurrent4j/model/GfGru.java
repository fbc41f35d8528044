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
    private static final int U = 0, C = 2;
    private static final String[] GATES = {"u", "r"};

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
        List<Parameter> params = new ArrayList<>();
        GateWeights gw = GateWeights.withFeedback(GATES, "c", gate, "Wch", inputSize, sizes, params, init, rng);
        this.wx = gw.wx();
        this.wh = gw.wh();
        this.b = gw.b();
        this.bUr = RowBlocks.spans(gw.b(), U, 2);
        this.feedback = gw.feedback();
        super(kind, inputSize, sizes, outputSize, false, params, init, rng);
    }

    /**
     * Per layer: one product of Wux, Wrx and Wcx with the input, one of Wuh and Wrh with h₋₁, one sigmoid for u
     * and r, then the gated feedback and the candidate.
     */
    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        Mat hStar = GatedFeedback.stack(g, previous.hidden());
        for (int j = 0; j < wx.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
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
