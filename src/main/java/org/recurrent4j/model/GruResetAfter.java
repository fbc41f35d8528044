package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The stacked GRU with the reset gate applied after the recurrent product, as PyTorch's {@code nn.GRU}, cuDNN and
 * Keras compute it; kind {@code gru-reset-after}. Per layer:
 * {@code r = σ(Wrx·x + Wrh·h₋₁ + br)}, {@code z = σ(Wzx·x + Wzh·h₋₁ + bz)},
 * {@code n = tanh(Wnx·x + bn + r ⊙ (Wnh·h₋₁ + bnh))} and {@code h = (1 − z) ⊙ n + z ⊙ h₋₁}: z weighs the old
 * state, where the classic {@code gru}'s u weighs the candidate. Parameters per layer j:
 * {@code Wrx{j} Wrh{j} br{j} Wzx{j} Wzh{j} bz{j} Wnx{j} Wnh{j} bn{j} bnh{j}}, then {@code Whd bd}. The recurrent
 * bias of the candidate, bnh, stays apart from bn because r scales it; the gates r and z need one bias each.
 * Each layer stores its three input matrices as one (3H)×P matrix and its three recurrent ones as one (3H)×H, so
 * that a step makes one input product and one recurrent product for all three.
 */
public final class GruResetAfter extends StackedModel {
    /** The gate order of the fused matrices, PyTorch's: r, z, n. */
    private static final String[] GATES = {"r", "z", "n"};
    private static final int N = 2;
    /** The row blocks of the biases: br, bz, bn, bnh. */
    private static final int BIASES = 4, BNH = 3;

    private final RowBlocks[] wx;
    private final RowBlocks[] wh;
    private final RowBlocks[] b;
    /** Per layer, br and bz as one view, made once. */
    private final Mat[] bRz;

    public GruResetAfter(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        List<Integer> sizes = checkSizes("gru-reset-after", inputSize, hiddenSizes, outputSize, init, rng);
        int layers = sizes.size();
        List<Parameter> params = new ArrayList<>();
        RowBlocks[] wx = new RowBlocks[layers];
        RowBlocks[] wh = new RowBlocks[layers];
        RowBlocks[] b = new RowBlocks[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            wx[j] = new RowBlocks(GATES.length, h, j == 0 ? inputSize : sizes.get(j - 1));
            wh[j] = new RowBlocks(GATES.length, h, h);
            b[j] = new RowBlocks(BIASES, h, 1);
            for (int k = 0; k < GATES.length; k++) {
                weight(params, "W" + GATES[k] + "x" + j, wx[j].block(k), init, rng);
                weight(params, "W" + GATES[k] + "h" + j, wh[j].block(k), init, rng);
                bias(params, "b" + GATES[k] + j, b[j].block(k));
            }
            bias(params, "bnh" + j, b[j].block(BNH));
        }
        this.wx = wx;
        this.wh = wh;
        this.b = b;
        this.bRz = RowBlocks.spans(b, 0, 2);
        super("gru-reset-after", inputSize, sizes, outputSize, false, params, init, rng);
    }

    /**
     * Per layer: one product of the three input matrices and one of the three recurrent ones; r and z come from
     * their row blocks with one add and one sigmoid, the candidate from the n blocks.
     */
    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        for (int j = 0; j < wx.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
            Mat hPrev = previous.hidden().get(j);
            int h = hPrev.rows;
            Mat inputs = g.mul(wx[j].whole, in);
            Mat recurrent = g.mul(wh[j].whole, hPrev);
            Mat gates = g.sigmoid(g.add(g.rowBlock(inputs, 0, 2 * h), g.rowBlock(recurrent, 0, 2 * h), bRz[j]));
            Mat reset = g.rowBlock(gates, 0, h);
            Mat keep = g.rowBlock(gates, h, h);
            Mat gated = g.eltmul(reset, g.add(g.rowBlock(recurrent, N * h, h), b[j].block(BNH)));
            Mat candidate = g.tanh(g.add(g.rowBlock(inputs, N * h, h), gated, b[j].block(N)));
            // (1 − z) ⊙ n + z ⊙ h₋₁ is the classic GRU's mix with z in u's place and n, h₋₁ swapped.
            hidden[j] = Gru.interpolate(g, keep, candidate, hPrev);
        }
    }
}
