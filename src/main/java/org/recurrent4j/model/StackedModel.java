package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * What every stacked model shares: the sizes, the linear decoder {@code y = Whd·h^L + bd} on the top layer, the
 * parameter list (the layers' parameters, then {@code Whd bd}), the zero state and the shape checks of a step.
 * Subclasses build their layers before calling the constructor and compute one step of them in {@link #layers}.
 * All fields are final and nothing is written during a step, so one model serves many threads.
 */
abstract class StackedModel implements RecurrentModel {
    private static final Mat[] NO_CELLS = {};
    private final String kind;
    private final int inputSize;
    private final List<Integer> hiddenSizes;
    private final int outputSize;
    private final boolean hasCells;
    private final Mat whd;
    private final Mat bd;
    private final List<Parameter> parameters;

    StackedModel(String kind, int inputSize, List<Integer> hiddenSizes, int outputSize, boolean hasCells,
                 List<Parameter> layerParameters, Init init, RandomGenerator rng) {
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSizes = List.copyOf(hiddenSizes);
        this.outputSize = outputSize;
        this.hasCells = hasCells;
        List<Parameter> all = new ArrayList<>(layerParameters);
        whd = weight(all, "Whd", new Mat(outputSize, this.hiddenSizes.getLast()), init, rng);
        bd = bias(all, "bd", new Mat(outputSize, 1));
        parameters = List.copyOf(all);
    }

    /** Checks the sizes a model is built from and returns the hidden sizes as an immutable list. */
    static List<Integer> checkSizes(String kind, int inputSize, List<Integer> hiddenSizes, int outputSize,
                                    Init init, RandomGenerator rng) {
        if (init == null || rng == null) throw new IllegalArgumentException(kind + ": init and rng are required");
        if (hiddenSizes == null || hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException(kind + ": needs at least one hidden layer");
        }
        List<Integer> sizes = List.copyOf(hiddenSizes);
        if (inputSize < 1 || outputSize < 1 || sizes.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException(kind + ": sizes must be positive, got input " + inputSize
                    + ", hidden " + sizes + ", output " + outputSize);
        }
        return sizes;
    }

    /** Draws {@code m} from {@code init} and appends it to {@code out} under {@code name}. */
    static Mat weight(List<Parameter> out, String name, Mat m, Init init, RandomGenerator rng) {
        init.fill(m, rng);
        out.add(new Parameter(name, m));
        return m;
    }

    /** Appends the zero matrix {@code m} to {@code out} under {@code name}. */
    static Mat bias(List<Parameter> out, String name, Mat m) {
        out.add(new Parameter(name, m));
        return m;
    }

    /** Wx·in + Wh·h + b: the pre-activation of one gate. */
    static Mat affine(Graph g, Mat wx, Mat in, Mat wh, Mat h, Mat b) {
        return g.add(g.mul(wx, in), g.mul(wh, h), b);
    }

    /**
     * One step of every layer, bottom to top: sets each layer's new hidden state (and cell, for the LSTMs) in
     * {@code hidden} and {@code cells}. Layer j's input is {@link #input}: x for j = 0, and hidden[j − 1] after
     * dropout otherwise.
     */
    abstract void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout);

    /** Layer j's input at this step: x for the first layer, the layer below's new state after dropout above it. */
    static Mat input(Graph g, Mat x, Mat[] hidden, int j, Dropout dropout) {
        return j == 0 ? x : dropout.apply(g, hidden[j - 1]);
    }

    @Override
    public final State forward(Graph graph, Mat x, State previous, Dropout dropout) {
        checkStep(x, previous);
        int layers = hiddenSizes.size();
        Mat[] hidden = new Mat[layers];
        Mat[] cells = hasCells ? new Mat[layers] : NO_CELLS;
        layers(graph, x, previous, hidden, cells, dropout);
        Mat output = graph.add(graph.mul(whd, dropout.apply(graph, hidden[layers - 1])), bd);
        // Immutable lists made here are taken by State as they are, without another copy.
        return new State(List.of(hidden), List.of(cells), output);
    }

    /** How a sequence's first layer gets its input pre-activations x·Wᵀ + b: from dense rows or an embedding. */
    interface FirstProjection {
        Mat project(Graph graph, Mat w, Mat b);
    }

    /**
     * The whole-sequence form: each layer's input projection over every step (the rows of the layer below after
     * dropout, above the first), its recurrence, then the decoder; {@code first} makes layer 0's projection.
     * Models without one leave this unsupported.
     */
    Mat sequence(Graph graph, FirstProjection first, int batch, State initial, State last, Dropout dropout) {
        throw new IllegalStateException(kind + " has no whole-sequence form; run it step by step with forward");
    }

    @Override
    public final Mat forwardSequence(Graph graph, Mat xs, int batch, State initial, State last, Dropout dropout) {
        if (!hasSequenceForm()) return RecurrentModel.super.forwardSequence(graph, xs, batch, initial, last, dropout);
        if (xs.cols != inputSize || batch < 1 || xs.rows % batch != 0) {
            throw new IllegalArgumentException("forwardSequence: xs is " + xs.shape() + ", expected steps·" + batch
                    + " rows of " + inputSize);
        }
        checkSequence(batch, initial, last);
        return sequence(graph, (g, w, b) -> g.linearRows(xs, w, b), batch, initial, last, dropout);
    }

    @Override
    public final Mat forwardSequence(Graph graph, Mat table, int[] indices, int batch, State initial, State last,
                                     Dropout dropout) {
        if (!hasSequenceForm()) {
            return RecurrentModel.super.forwardSequence(graph, table, indices, batch, initial, last, dropout);
        }
        if (table.cols != inputSize || batch < 1 || indices.length % batch != 0 || indices.length == 0) {
            throw new IllegalArgumentException("forwardSequence: a " + table.shape() + " table and "
                    + indices.length + " indices, expected steps·" + batch + " indices into rows of " + inputSize);
        }
        checkSequence(batch, initial, last);
        return sequence(graph, (g, w, b) -> g.embedLinear(table, indices, w, b), batch, initial, last, dropout);
    }

    /** The decoder on every row of the top layer's states (steps·batch rows of its size), after dropout. */
    final Mat decodeRows(Graph graph, Mat top, Dropout dropout) {
        return graph.linearRows(dropout.apply(graph, top), whd, bd);
    }

    private void checkSequence(int batch, State initial, State last) {
        checkState(initial, batch);
        if (last != null && last != initial) checkState(last, batch);
    }

    private void checkStep(Mat x, State previous) {
        if (x.rows != inputSize) {
            throw new IllegalArgumentException("forward: x is " + x.shape() + ", expected " + inputSize + "xB");
        }
        checkState(previous, x.cols);
    }

    private void checkState(State previous, int batch) {
        int layers = hiddenSizes.size();
        if (previous.hidden().size() != layers || previous.cells().size() != (hasCells ? layers : 0)) {
            throw new IllegalArgumentException("forward: state has " + previous.hidden().size() + " hidden and "
                    + previous.cells().size() + " cells, " + kind + " " + hiddenSizes + " needs " + layers
                    + " and " + (hasCells ? layers : 0));
        }
        for (int j = 0; j < layers; j++) {
            checkState("hidden", j, previous.hidden().get(j), batch);
            if (hasCells) checkState("cell", j, previous.cells().get(j), batch);
        }
    }

    private void checkState(String what, int layer, Mat m, int batch) {
        if (m.rows != hiddenSizes.get(layer) || m.cols != batch) {
            throw new IllegalArgumentException("forward: " + what + " " + layer + " is " + m.shape() + ", expected "
                    + hiddenSizes.get(layer) + "x" + batch + " for x " + inputSize + "x" + batch);
        }
    }

    @Override
    public final State initialState(int batch) {
        if (batch < 1) throw new IllegalArgumentException("initialState: batch must be positive, got " + batch);
        List<Mat> zeros = hiddenSizes.stream().map(h -> new Mat(h, batch)).toList();
        List<Mat> cells = hasCells ? hiddenSizes.stream().map(h -> new Mat(h, batch)).toList() : List.of();
        return new State(zeros, cells, null);
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final int inputSize() {
        return inputSize;
    }

    @Override
    public final List<Integer> hiddenSizes() {
        return hiddenSizes;
    }

    @Override
    public final int outputSize() {
        return outputSize;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return kind + "(" + inputSize + ", " + hiddenSizes + ", " + outputSize + ")";
    }
}
