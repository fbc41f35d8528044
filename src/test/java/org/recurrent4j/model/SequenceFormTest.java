package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.graph.GradientCheck;
import org.recurrent4j.kernel.KernelThreads;
import org.recurrent4j.tensor.Mat;

/**
 * The whole-sequence form of a model computes what its step-by-step form computes: the same logits, the same
 * loss, the same gradient of every parameter and of the initial state, and the same last state, up to the
 * order of rounding; and it passes a finite-difference gradient check of its own.
 */
class SequenceFormTest {
    private static final int P = 3, O = 5, STEPS = 4, BATCH = 7;

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn", "rnn-tanh"})
    void matchesTheStepByStepForm(String id) {
        ModelKind kind = ModelKind.of(id);
        RecurrentModel m = Fixtures.model(kind, P, O, 0.5f, 11);
        assertTrue(m.hasSequenceForm());
        List<Mat> xs = Fixtures.sequence(STEPS, P, BATCH, 12);
        int[][] targets = Fixtures.targets(STEPS, O, BATCH, 13);
        State start = Fixtures.randomState(m, BATCH, 14);

        // Step by step.
        Graph g = new Graph();
        State s = start;
        double stepLoss = 0;
        List<float[]> stepLogits = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            s = m.forward(g, xs.get(t), s);
            stepLogits.add(s.output().w.clone());
            stepLoss += g.softmaxCrossEntropy(s.output(), targets[t]);
        }
        g.backward();
        List<float[]> stepGrads = gradients(m, start);
        State stepLast = s.copy();
        zero(m, start);

        // Whole sequence, the carried state updated in place as the trainer uses it.
        State seqStart = start.copy();
        Mat rows = rows(xs);
        int[] flat = new int[STEPS * BATCH];
        for (int t = 0; t < STEPS; t++) System.arraycopy(targets[t], 0, flat, t * BATCH, BATCH);
        Graph sg = new Graph();
        Mat logits = m.forwardSequence(sg, rows, BATCH, seqStart, seqStart);
        double seqLoss = sg.softmaxCrossEntropyRows(logits, flat, 1f);
        sg.backward();

        assertEquals(stepLoss, seqLoss, 1e-4 * Math.abs(stepLoss));
        for (int t = 0; t < STEPS; t++) {
            for (int o = 0; o < O; o++) {
                for (int b = 0; b < BATCH; b++) {
                    assertEquals(stepLogits.get(t)[o * BATCH + b], logits.get(t * BATCH + b, o), 1e-5,
                            "logit " + o + " of step " + t + ", sequence " + b);
                }
            }
        }
        List<float[]> seqGrads = gradients(m, seqStart);
        for (int i = 0; i < stepGrads.size(); i++) {
            float[] a = stepGrads.get(i), b = seqGrads.get(i);
            for (int j = 0; j < a.length; j++) {
                assertEquals(a[j], b[j], 1e-5 + 1e-4 * Math.abs(a[j]), id + ": gradient " + i + "[" + j + "]");
            }
        }
        for (int j = 0; j < stepLast.hidden().size(); j++) {
            assertArrayClose(stepLast.hidden().get(j).w, seqStart.hidden().get(j).w, "last hidden " + j);
        }
        for (int j = 0; j < stepLast.cells().size(); j++) {
            assertArrayClose(stepLast.cells().get(j).w, seqStart.cells().get(j).w, "last cell " + j);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn-tanh"})
    void passesAGradientCheck(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 21);
        Mat rows = rows(Fixtures.sequence(3, P, 2, 22));
        State start = Fixtures.randomState(m, 2, 23);
        List<Mat> inputs = new ArrayList<>();
        for (Parameter p : m.parameters()) inputs.add(p.mat());
        inputs.add(rows);
        inputs.addAll(start.hidden());
        inputs.addAll(start.cells());
        int[] targets = {0, 4, 2, 1, 3, 3};
        GradientCheck.check(inputs, g -> g.softmaxCrossEntropyRows(m.forwardSequence(g, rows, 2, start, null),
                targets, 1f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn-tanh"}) // relu's kink would trip the finite differences
    void embeddedInputsGiveWhatTheGatheredRowsGive(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 61);
        Mat table = Mat.uniform(6, P, 1f, new java.util.SplittableRandom(62));
        int[] indices = {0, 5, 2, 2, 1, 5, 3, 0};
        int[] targets = {1, 2, 3, 4, 0, 1, 2, 3};
        State start = Fixtures.randomState(m, 2, 63);
        List<Mat> inputs = new ArrayList<>();
        for (Parameter p : m.parameters()) inputs.add(p.mat());
        inputs.add(table);
        List<float[]> results = new ArrayList<>();
        for (boolean embedded : new boolean[] {false, true}) {
            for (Mat x : inputs) x.zeroGrad();
            Graph g = new Graph();
            Mat logits = embedded ? m.forwardSequence(g, table, indices, 2, start, null)
                    : m.forwardSequence(g, g.gatherRows(table, indices), 2, start, null);
            g.softmaxCrossEntropyRows(logits, targets, 1f);
            g.backward();
            float[] all = logits.w.clone();
            for (Mat x : inputs) all = concat(all, x.dw.clone());
            results.add(all);
        }
        assertArrayClose(results.get(0), results.get(1), id + ": logits and gradients");
        GradientCheck.check(inputs, g -> g.softmaxCrossEntropyRows(m.forwardSequence(g, table, indices, 2, start,
                null), targets, 1f));
    }

    @Test
    void aBatchSplitAcrossThreadsGivesTheSameBits() {
        RecurrentModel m = Fixtures.model(ModelKind.LSTM, P, O, 0.5f, 31);
        Mat rows = rows(Fixtures.sequence(5, P, 26, 32));
        State start = Fixtures.randomState(m, 26, 33);
        int[] targets = new int[5 * 26];
        for (int i = 0; i < targets.length; i++) targets[i] = i % O;
        int before = KernelThreads.get();
        List<float[]> runs = new ArrayList<>();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                KernelThreads.set(threads);
                zero(m, start);
                Graph g = new Graph();
                Mat logits = m.forwardSequence(g, rows, 26, start, null);
                g.softmaxCrossEntropyRows(logits, targets, 1f);
                g.backward();
                float[] all = logits.w.clone();
                for (float[] grad : gradients(m, start)) all = concat(all, grad);
                runs.add(all);
            }
        } finally {
            KernelThreads.set(before);
        }
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(java.util.Arrays.equals(runs.get(0), runs.get(i)), "threads changed the result");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn"})
    void aRepeatedSequenceAllocatesNothingNew(String id) {
        RecurrentModel m = Fixtures.model(ModelKind.of(id), P, O, 0.5f, 81);
        Mat table = Mat.uniform(6, P, 1f, new java.util.SplittableRandom(82));
        int[] indices = {0, 5, 2, 2, 1, 5, 3, 0};
        int[] targets = {1, 2, 3, 4, 0, 1, 2, 3};
        State state = Fixtures.randomState(m, 2, 83);
        Graph g = new Graph();
        int allocated = -1;
        for (int run = 0; run < 3; run++) {
            g.reset();
            Mat logits = m.forwardSequence(g, table, indices, 2, state, state);
            g.softmaxCrossEntropyRows(logits, targets, 0.5f);
            g.backward();
            if (run == 0) allocated = g.allocations();
            assertEquals(allocated, g.allocations(), id + ": no new buffers in steady state");
        }
    }

    @Test
    void theKindSaysWhichModelsHaveASequenceForm() {
        for (ModelKind kind : ModelKind.values()) {
            assertEquals(kind.hasSequenceForm(), Fixtures.model(kind, P, O, 0.5f, 71).hasSequenceForm(), kind.id());
        }
    }

    @Test
    void modelsWithoutASequenceFormSaySo() {
        RecurrentModel m = Fixtures.model(ModelKind.of("gf-lstm"), P, O, 0.5f, 41);
        assertFalse(m.hasSequenceForm());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> m.forwardSequence(new Graph(), new Mat(BATCH, P), BATCH, m.initialState(BATCH), null));
        assertTrue(e.getMessage().contains("gf-lstm"), e.getMessage());
    }

    @Test
    void shapesAreChecked() {
        RecurrentModel m = Fixtures.model(ModelKind.LSTM, P, O, 0.5f, 51);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forwardSequence(new Graph(), new Mat(10, P), 4, m.initialState(4), null));
        assertTrue(e.getMessage().contains("forwardSequence"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> m.forwardSequence(new Graph(), new Mat(8, P), 4, m.initialState(2), null));
    }

    /** The per-step inputs (P×B each) as step-major rows. */
    private static Mat rows(List<Mat> xs) {
        int batch = xs.get(0).cols;
        Mat rows = new Mat(xs.size() * batch, P);
        for (int t = 0; t < xs.size(); t++) {
            for (int p = 0; p < P; p++) {
                for (int b = 0; b < batch; b++) rows.set(t * batch + b, p, xs.get(t).get(p, b));
            }
        }
        return rows;
    }

    private static List<float[]> gradients(RecurrentModel m, State start) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : m.parameters()) out.add(p.mat().dw.clone());
        for (Mat h : start.hidden()) out.add(h.dw.clone());
        for (Mat c : start.cells()) out.add(c.dw.clone());
        return out;
    }

    private static void zero(RecurrentModel m, State start) {
        for (Parameter p : m.parameters()) p.mat().zeroGrad();
        for (Mat h : start.hidden()) h.zeroGrad();
        for (Mat c : start.cells()) c.zeroGrad();
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void assertArrayClose(float[] a, float[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5 + 1e-5 * Math.abs(a[i]), what + "[" + i + "]");
    }
}
