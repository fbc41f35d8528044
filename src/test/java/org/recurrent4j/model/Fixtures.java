package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/** Models with every parameter (biases too) drawn at a scale where all terms matter, and sequences to run. */
final class Fixtures {
    private Fixtures() {}

    /** Two layers of unequal sizes for the plain models, three for the gated-feedback ones. */
    static List<Integer> hiddenSizes(ModelKind kind) {
        return kind.id().startsWith("gf-") ? List.of(4, 6, 3) : List.of(4, 5);
    }

    /** A model whose weights and biases are all uniform on [−std, std], so that every path carries signal. */
    static RecurrentModel model(ModelKind kind, int inputSize, int outputSize, float std, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RecurrentModel m = kind.create(inputSize, hiddenSizes(kind), outputSize, Init.uniform(std), rng);
        for (Parameter p : m.parameters()) {
            if (p.name().startsWith("b")) Init.uniform(std).fill(p.mat(), rng);
        }
        return m;
    }

    static List<Mat> sequence(int steps, int rows, int batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Mat> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) xs.add(Mat.uniform(rows, batch, 1f, rng));
        return xs;
    }

    static int[][] targets(int steps, int classes, int batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] targets = new int[steps][batch];
        for (int[] row : targets) {
            for (int b = 0; b < batch; b++) row[b] = rng.nextInt(classes);
        }
        return targets;
    }

    /** A non-zero start state, so that the gradient with respect to the previous state is checked too. */
    static State randomState(RecurrentModel m, int batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        State zero = m.initialState(batch);
        return new State(zero.hidden().stream().map(h -> Mat.uniform(h.rows, batch, 0.5f, rng)).toList(),
                zero.cells().stream().map(c -> Mat.uniform(c.rows, batch, 1f, rng)).toList(), null);
    }

    /** Runs the sequence from {@code start} and returns Σ_t softmaxCrossEntropy(y_t, targets_t). */
    static double sequenceLoss(Graph g, RecurrentModel m, State start, List<Mat> xs, int[][] targets) {
        State s = start;
        double loss = 0;
        for (int t = 0; t < xs.size(); t++) {
            s = m.forward(g, xs.get(t), s);
            loss += g.softmaxCrossEntropy(s.output(), targets[t]);
        }
        return loss;
    }

    static List<Mat> parameterMats(RecurrentModel m) {
        return m.parameters().stream().map(Parameter::mat).toList();
    }
}
