package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The gated-feedback LSTM (docs/math.md#gf-lstm), kind {@code gf-lstm} (vector gates) or {@code gf-lstm-scalar}:
 * i, f and o as in the LSTM from the layer's own h^j_{t−1}, and the cell write
 * {@code ĉ = tanh(Wcx·in_j + Σᵢ g^{i→j} ⊙ (U_c^{i→j}·h^i_{t−1}) + bc)}. Parameters per layer j:
 * {@code Wix{j} Wih{j} bi{j} Wfx{j} Wfh{j} bf{j} Wox{j} Woh{j} bo{j} Wcx{j}}, {@code Wch{i}to{j}} (U_c^{i→j},
 * H_j×H_i) for every layer i, {@code bc{j}}, then {@code Wgx{i}to{j} Wgh{i}to{j} bg{i}to{j}} for every i; finally
 * {@code Whd bd}.
 */
public final class GfLstm extends StackedModel {
    private static final int I = 0, C = 3;
    private static final String[] GATES = {"i", "f", "o"};

    private final RowBlocks[] wx; // Wix, Wfx, Wox, Wcx
    private final RowBlocks[] wh; // Wih, Wfh, Woh
    private final RowBlocks[] b; // bi, bf, bo, bc
    private final Mat[] bIfo; // bi, bf and bo as one view per layer
    private final GatedFeedback[] feedback;

    /** A GF-LSTM with RecurrentNN.jl's vector gates. */
    public GfLstm(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        this(inputSize, hiddenSizes, outputSize, FeedbackGate.VECTOR, init, rng);
    }

    public GfLstm(int inputSize, List<Integer> hiddenSizes, int outputSize, FeedbackGate gate, Init init,
                  RandomGenerator rng) {
        String kind = gate == FeedbackGate.SCALAR ? "gf-lstm-scalar" : "gf-lstm";
        List<Integer> sizes = checkSizes(kind, inputSize, hiddenSizes, outputSize, init, rng);
        if (gate == null) throw new IllegalArgumentException(kind + ": gate is required");
        List<Parameter> params = new ArrayList<>();
        GateWeights gw = GateWeights.withFeedback(GATES, "c", gate, "Wch", inputSize, sizes, params, init, rng);
        this.wx = gw.wx();
        this.wh = gw.wh();
        this.b = gw.b();
        this.bIfo = RowBlocks.spans(gw.b(), I, 3);
        this.feedback = gw.feedback();
        super(kind, inputSize, sizes, outputSize, true, params, init, rng);
    }

    /**
     * Per layer: one product of the four input matrices, one of Wih, Wfh and Woh with h₋₁ and one bias add give
     * the i, f, o pre-activations; the gated feedback gives ĉ's; the fused cell op takes both, stacked.
     */
    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        Mat hStar = GatedFeedback.stack(g, previous.hidden());
        for (int j = 0; j < wx.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
            Mat hPrev = previous.hidden().get(j);
            Mat cPrev = previous.cells().get(j);
            int h = hPrev.rows;
            Mat inputs = g.mul(wx[j].whole, in);
            Mat gates = g.add(g.rowBlock(inputs, 0, 3 * h), g.mul(wh[j].whole, hPrev), bIfo[j]);
            Mat recurrent = feedback[j].apply(g, in, hStar, previous.hidden());
            Mat write = g.add(g.rowBlock(inputs, 3 * h, h), recurrent, b[j].block(C));
            Mat cellAndHidden = g.lstmCell(g.concat(gates, write), cPrev);
            cells[j] = g.rowBlock(cellAndHidden, 0, h);
            hidden[j] = g.rowBlock(cellAndHidden, h, h);
        }
    }
}
