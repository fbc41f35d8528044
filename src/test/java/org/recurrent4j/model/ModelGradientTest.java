package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent4j.graph.GradientCheck;
import org.recurrent4j.tensor.Mat;

/**
 * Finite differences over a whole sequence for every model kind: 5 steps, a batch of 2 columns, 2 layers (3 for
 * the gated-feedback kinds, of unequal sizes 4, 6, 3), on every parameter element, every input element and the
 * start state. Loss: Σ_t softmaxCrossEntropy. Tolerance is {@link GradientCheck}'s: per element
 * |analytic − numerical| ≤ 1e-4 + 1e-2·max(|analytic|, |numerical|), central differences with ε = 1e-2. Weights
 * and biases are drawn on ±0.5 so that every path carries a gradient well above 1e-4.
 */
class ModelGradientTest {
    private static final int STEPS = 5, BATCH = 2, INPUT = 3, OUTPUT = 4;

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = "RNN", mode = EnumSource.Mode.EXCLUDE)
    void sequenceGradientMatchesFiniteDifferences(ModelKind kind) {
        check(Fixtures.model(kind, INPUT, OUTPUT, 0.5f, 11));
    }

    /**
     * The ReLU RNN with biases of magnitude 0.5 to 1 and weights on ±0.2, so that no pre-activation comes near the
     * kink: a step of ε would otherwise cross it and make the finite difference meaningless. The test asserts the
     * margin (from the double-precision reference) is 5ε, more than any single perturbation moves a
     * pre-activation here.
     */
    @Test
    void reluRnnGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(15);
        RecurrentModel m = new Rnn(INPUT, Fixtures.hiddenSizes(ModelKind.RNN), OUTPUT, Init.uniform(0.2f), rng);
        for (Parameter p : m.parameters()) {
            if (!p.name().startsWith("bhh")) continue;
            for (int r = 0; r < p.mat().rows; r++) {
                float v = (float) (0.5 + 0.5 * rng.nextDouble());
                p.mat().set(r, 0, rng.nextBoolean() ? v : -v);
            }
        }
        List<Mat> xs = Fixtures.sequence(STEPS, INPUT, BATCH, 12);
        State start = Fixtures.randomState(m, BATCH, 14);
        ReferenceForward reference = new ReferenceForward(m);
        List<double[][]> h = start.hidden().stream().map(ReferenceForward::of).toList();
        for (Mat x : xs) h = reference.step(ReferenceForward.of(x), h, List.of()).hidden();
        assertTrue(reference.reluMargin() > 5 * GradientCheck.EPS, "fixture too close to relu's kink: "
                + reference.reluMargin());
        check(m, xs, start);
    }

    private static void check(RecurrentModel m) {
        check(m, Fixtures.sequence(STEPS, INPUT, BATCH, 12), Fixtures.randomState(m, BATCH, 14));
    }

    private static void check(RecurrentModel m, List<Mat> xs, State start) {
        int[][] targets = Fixtures.targets(STEPS, OUTPUT, BATCH, 13);
        List<Mat> inputs = new ArrayList<>(Fixtures.parameterMats(m));
        inputs.addAll(xs);
        inputs.addAll(start.hidden());
        inputs.addAll(start.cells());
        GradientCheck.Result worst = GradientCheck.check(inputs, g -> Fixtures.sequenceLoss(g, m, start, xs, targets));
        System.out.println(m.kind() + ": worst element " + worst);
    }
}
