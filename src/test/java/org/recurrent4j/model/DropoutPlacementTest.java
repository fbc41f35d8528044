package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.graph.GradientCheck;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * Where a model applies dropout, as char-rnn does: to the input of every layer above the first and to the
 * decoder's input, never to the first layer's input or to the recurrent state; the whole-sequence form applies
 * it where the step-by-step form does, so the two compute the same function under the same masks.
 */
class DropoutPlacementTest {
    private static final int P = 3, O = 5, STEPS = 4, BATCH = 3;

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "rnn-tanh", "lstm", "gru", "gru-reset-after", "gf-rnn", "gf-gru", "gf-lstm",
        "gf-lstm-scalar"})
    void eachStepDropsTheNewStateOfEveryLayerOnItsWayUpAndNothingElse(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 1);
        List<Mat> seen = new ArrayList<>();
        Dropout recording = (g, x) -> {
            seen.add(x);
            return x;
        };
        Graph g = new Graph();
        State s = Fixtures.randomState(m, BATCH, 2);
        for (Mat x : Fixtures.sequence(STEPS, P, BATCH, 3)) {
            seen.clear();
            State next = m.forward(g, x, s, recording);
            // layer j's new state, on its way into layer j + 1 (the last: into the decoder), once per step
            assertEquals(next.hidden().size(), seen.size(), id);
            for (int j = 0; j < seen.size(); j++) assertSame(next.hidden().get(j), seen.get(j), id + " layer " + j);
            s = next;
        }
    }

    /** The gated-feedback kinds are left out: their first layer reads every layer's previous state. */
    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn-tanh"})
    void droppingEverythingLeavesTheFirstLayerAloneAndTheDecoderSeesZeros(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 4);
        Dropout all = (g, x) -> g.scale(x, 0f);
        State plain = Fixtures.randomState(m, BATCH, 5);
        State dropped = plain;
        Graph g = new Graph();
        Mat bias = m.parameters().getLast().mat();
        for (Mat x : Fixtures.sequence(STEPS, P, BATCH, 6)) {
            plain = m.forward(g, x, plain);
            dropped = m.forward(g, x, dropped, all);
            assertArrayEquals(plain.hidden().getFirst().w, dropped.hidden().getFirst().w, id + ": the first layer");
            for (int o = 0; o < O; o++) {
                for (int b = 0; b < BATCH; b++) {
                    assertEquals(bias.get(o, 0), dropped.output().get(o, b), id + ": the decoder sees zeros");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn-tanh"})
    void theSequenceFormDropsWhatTheStepFormDrops(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 7);
        int layers = m.hiddenSizes().size();
        List<Mat> xs = Fixtures.sequence(STEPS, P, BATCH, 8);
        int[][] targets = Fixtures.targets(STEPS, O, BATCH, 9);
        State start = Fixtures.randomState(m, BATCH, 10);
        FixedMasks masks = new FixedMasks(layers, 11);

        Graph g = new Graph();
        State s = start;
        double stepLoss = 0;
        List<float[]> stepLogits = new ArrayList<>();
        Dropout stepwise = masks.stepwise();
        for (int t = 0; t < STEPS; t++) {
            s = m.forward(g, xs.get(t), s, stepwise);
            stepLogits.add(s.output().w.clone());
            stepLoss += g.softmaxCrossEntropy(s.output(), targets[t]);
        }
        g.backward();
        List<float[]> stepGrads = gradients(m);
        for (Parameter p : m.parameters()) p.mat().zeroGrad();

        Mat rows = new Mat(STEPS * BATCH, P);
        int[] flat = new int[STEPS * BATCH];
        for (int t = 0; t < STEPS; t++) {
            for (int b = 0; b < BATCH; b++) {
                for (int p = 0; p < P; p++) rows.set(t * BATCH + b, p, xs.get(t).get(p, b));
                flat[t * BATCH + b] = targets[t][b];
            }
        }
        Graph sg = new Graph();
        Mat logits = m.forwardSequence(sg, rows, BATCH, start, null, masks.sequence());
        double seqLoss = sg.softmaxCrossEntropyRows(logits, flat, 1f);
        sg.backward();

        assertEquals(stepLoss, seqLoss, 1e-4 * Math.abs(stepLoss), id);
        for (int t = 0; t < STEPS; t++) {
            for (int o = 0; o < O; o++) {
                for (int b = 0; b < BATCH; b++) {
                    assertEquals(stepLogits.get(t)[o * BATCH + b], logits.get(t * BATCH + b, o), 1e-5, id);
                }
            }
        }
        List<float[]> seqGrads = gradients(m);
        for (int i = 0; i < stepGrads.size(); i++) {
            for (int j = 0; j < stepGrads.get(i).length; j++) {
                float a = stepGrads.get(i)[j];
                assertEquals(a, seqGrads.get(i)[j], 1e-5 + 1e-4 * Math.abs(a), id + ": gradient " + i + "[" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gf-gru", "gru-reset-after"})
    void theStepFormPassesAGradientCheckWithAFixedMask(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 12);
        List<Mat> xs = Fixtures.sequence(3, P, 2, 13);
        int[][] targets = Fixtures.targets(3, O, 2, 14);
        State start = Fixtures.randomState(m, 2, 15);
        GradientCheck.check(Fixtures.parameterMats(m), g -> {
            Dropout d = Dropout.of(0.4f, new SplittableRandom(16)); // the same masks at every evaluation
            State s = start;
            double loss = 0;
            for (int t = 0; t < xs.size(); t++) {
                s = m.forward(g, xs.get(t), s, d);
                loss += g.softmaxCrossEntropy(s.output(), targets[t]);
            }
            return loss;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void theSequenceFormPassesAGradientCheckWithAFixedMask(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 17);
        Mat table = Mat.uniform(6, P, 1f, new SplittableRandom(18));
        int[] indices = {0, 5, 2, 2, 1, 5};
        int[] targets = {1, 2, 3, 4, 0, 1};
        State start = Fixtures.randomState(m, 2, 19);
        List<Mat> inputs = new ArrayList<>(Fixtures.parameterMats(m));
        inputs.add(table);
        GradientCheck.check(inputs, g -> g.softmaxCrossEntropyRows(m.forwardSequence(g, table, indices, 2, start, null,
                Dropout.of(0.4f, new SplittableRandom(20))), targets, 1f));
    }

    @Test
    void aRateOfZeroIsNoDropoutAndBadRatesAreRefused() {
        assertSame(Dropout.NONE, Dropout.of(0f, new SplittableRandom(1)));
        assertSame(Dropout.NONE, Dropout.of(0f, null));
        for (float p : new float[] {-0.5f, 1f, Float.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> Dropout.of(p, new SplittableRandom(1)), "p = " + p);
        }
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(0.5f, null));
    }

    /**
     * Masks fixed in advance for every site (the input of layer j + 1, the decoder's for the last), step,
     * sequence and unit, 0 or 2 each: applied by the step form one step at a time and by the sequence form to
     * every step's rows at once, so that both drop the same elements.
     */
    private static final class FixedMasks {
        private final int sites;
        private final long seed;

        FixedMasks(int sites, long seed) {
            this.sites = sites;
            this.seed = seed;
        }

        float value(int site, int t, int b, int unit) {
            long h = new SplittableRandom(seed + 1_000_003L * (((site * 31L + t) * 31 + b) * 31 + unit)).nextLong();
            return (h & 1) == 0 ? 0f : 2f;
        }

        /** Calls come site by site within a step, step after step; m is units × batch. */
        Dropout stepwise() {
            int[] calls = {0};
            return (g, m) -> {
                int site = calls[0] % sites, t = calls[0] / sites;
                calls[0]++;
                Mat mask = new Mat(m.rows, m.cols);
                for (int u = 0; u < m.rows; u++) {
                    for (int b = 0; b < m.cols; b++) mask.set(u, b, value(site, t, b, u));
                }
                return g.eltmul(m, mask);
            };
        }

        /** One call per site; m holds every step's rows, row t·batch + b, one column per unit. */
        Dropout sequence() {
            int[] calls = {0};
            return (g, m) -> {
                int site = calls[0]++;
                Mat mask = new Mat(m.rows, m.cols);
                for (int r = 0; r < m.rows; r++) {
                    for (int u = 0; u < m.cols; u++) mask.set(r, u, value(site, r / BATCH, r % BATCH, u));
                }
                return g.eltmul(m, mask);
            };
        }
    }

    private static List<float[]> gradients(RecurrentModel m) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : m.parameters()) out.add(p.mat().dw.clone());
        return out;
    }
}
