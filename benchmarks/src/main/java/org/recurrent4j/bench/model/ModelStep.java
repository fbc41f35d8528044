package org.recurrent4j.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.RecurrentModel;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

/**
 * One time step of a two-layer model, forward, softmax cross-entropy and backward, from a fixed input and a fixed
 * non-zero previous state, on a graph that is reset before every step.
 */
final class ModelStep {
    private final Graph graph = new Graph();
    private final RecurrentModel model;
    private final Mat x;
    private final State previous;
    private final int[] targets;
    private final List<Mat> gradients = new ArrayList<>();

    ModelStep(ModelKind kind, int input, int hidden, int output, int batch, RandomGenerator rng) {
        model = kind.create(input, List.of(hidden, hidden), output, Init.DEFAULT, rng);
        x = Mat.uniform(input, batch, 1f, rng);
        targets = rng.ints(batch, 0, output).toArray();
        // Two steps from the zero state give a state of typical values; copied, it outlives the graph's resets.
        var warm = new Graph(false);
        State s = model.initialState(batch);
        for (int t = 0; t < 2; t++) s = model.forward(warm, x, s);
        previous = s.copy();
        for (Parameter p : model.parameters()) gradients.add(p.mat());
        gradients.add(x);
        gradients.addAll(previous.hidden());
        gradients.addAll(previous.cells());
    }

    /** Resets the graph, runs the step forward and backward, and returns its loss in nats. */
    double run() {
        graph.reset();
        State s = model.forward(graph, x, previous);
        double loss = graph.softmaxCrossEntropy(s.output(), targets);
        graph.backward();
        return loss;
    }

    /** Every gradient accumulates (+=) step after step, as over a sequence; this starts them again from zero. */
    void zeroGradients() {
        for (Mat m : gradients) m.zeroGrad();
    }
}
