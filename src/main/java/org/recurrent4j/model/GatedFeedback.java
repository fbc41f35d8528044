package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The gated-feedback sum of one layer j: {@code Σᵢ g^{i→j} ⊙ (U^{i→j}·h^i_{t−1})} over every layer i, with the
 * global reset gates {@code g^{i→j} = σ(wgx^{i→j}·in_j + wgh^{i→j}·h*_{t−1} + bg^{i→j})}. U^{i→j} is H_j×H_i, so
 * layers may differ in size. Names: {@code <u>{i}to{j}} for U^{i→j} (e.g. {@code Wch0to1}) and
 * {@code Wgx{i}to{j} Wgh{i}to{j} bg{i}to{j}} for the gate. The L gates of a layer are stored as row blocks of one
 * matrix each (wgx, wgh, bg), so that one product with in_j and one with h* serve them all.
 */
final class GatedFeedback {
    private final FeedbackGate gate;
    private final int hidden;
    private final Mat[] u;
    private final RowBlocks wgx;
    private final RowBlocks wgh;
    private final RowBlocks bg;
    private final List<Parameter> recurrentParameters = new ArrayList<>();
    private final List<Parameter> gateParameters = new ArrayList<>();

    GatedFeedback(FeedbackGate gate, int layer, int inputSize, List<Integer> hiddenSizes, String uName, Init init,
                  RandomGenerator rng) {
        int layers = hiddenSizes.size();
        int gateRows = gate == FeedbackGate.VECTOR ? hiddenSizes.get(layer) : 1;
        int stacked = hiddenSizes.stream().mapToInt(Integer::intValue).sum();
        this.gate = gate;
        this.hidden = hiddenSizes.get(layer);
        this.u = new Mat[layers];
        this.wgx = new RowBlocks(layers, gateRows, inputSize);
        this.wgh = new RowBlocks(layers, gateRows, stacked);
        this.bg = new RowBlocks(layers, gateRows, 1);
        for (int i = 0; i < layers; i++) {
            String pair = i + "to" + layer;
            u[i] = StackedModel.weight(recurrentParameters, uName + pair, new Mat(hidden, hiddenSizes.get(i)), init,
                    rng);
        }
        for (int i = 0; i < layers; i++) {
            String pair = i + "to" + layer;
            StackedModel.weight(gateParameters, "Wgx" + pair, wgx.block(i), init, rng);
            StackedModel.weight(gateParameters, "Wgh" + pair, wgh.block(i), init, rng);
            StackedModel.bias(gateParameters, "bg" + pair, bg.block(i));
        }
    }

    /** U^{0→j} … U^{L−1→j}, in that order. */
    List<Parameter> recurrentParameters() {
        return List.copyOf(recurrentParameters);
    }

    /** Wgx, Wgh, bg for i = 0 … L−1, in that order. */
    List<Parameter> gateParameters() {
        return List.copyOf(gateParameters);
    }

    /** h*_{t−1}: every layer's previous hidden state, stacked. */
    static Mat stack(Graph g, List<Mat> previousHidden) {
        return previousHidden.size() == 1 ? previousHidden.getFirst() : g.concat(previousHidden);
    }

    /**
     * The sum for input {@code in} (layer j's input at time t) and the previous states. The L gates come from one
     * product with in, one with h*, one bias add and one sigmoid; each gate is a row block of the result.
     */
    Mat apply(Graph g, Mat in, Mat hStar, List<Mat> previousHidden) {
        Mat gates = g.sigmoid(g.add(g.mul(wgx.whole, in), g.mul(wgh.whole, hStar), bg.whole));
        int gateRows = gates.rows / u.length;
        Mat sum = null;
        for (int i = 0; i < u.length; i++) {
            Mat gi = g.rowBlock(gates, i * gateRows, gateRows);
            if (gate == FeedbackGate.SCALAR) gi = broadcast(g, gi);
            Mat term = g.eltmul(gi, g.mul(u[i], previousHidden.get(i)));
            sum = sum == null ? term : g.add(sum, term);
        }
        return sum;
    }

    /**
     * The 1×B scalar gate repeated over the H_j rows. Stacking copies keeps the broadcast on the graph (its
     * backward sums the rows into the gate) without a constant matrix whose gradient threads would share.
     */
    private Mat broadcast(Graph g, Mat row) {
        return hidden == 1 ? row : g.concat(Collections.nCopies(hidden, row));
    }
}
