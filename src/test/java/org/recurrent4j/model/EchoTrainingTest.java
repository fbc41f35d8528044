package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.optim.StepResult;
import org.recurrent4j.tensor.Mat;

/**
 * Every model kind learns a small sequence task with RMSProp: echo the symbol seen {@value #DELAY} steps ago, from an
 * alphabet of {@value #SYMBOLS}, over sequences of {@value #LENGTH} one-hot inputs (the first {@value #DELAY}
 * steps have no target). A model passes when the mean loss per predicted symbol on a held-out batch falls below
 * {@value #THRESHOLD} nats (chance is ln 4 ≈ 1.39) within {@value #MAX_STEPS} optimizer steps of
 * {@value #BATCH} sequences. Deterministic: fixed seeds throughout.
 */
class EchoTrainingTest {
    static final int SYMBOLS = 4, DELAY = 2, LENGTH = 8, BATCH = 16, MAX_STEPS = 3000, EVAL_EVERY = 25;
    static final double THRESHOLD = 0.05;
    static final float LEARNING_RATE = 0.01f, REGC = 1e-6f, CLIP = 5f;

    /** A batch of sequences: symbols[t][b]. */
    static int[][] symbols(int batch, SplittableRandom rng) {
        int[][] s = new int[LENGTH][batch];
        for (int[] row : s) {
            for (int b = 0; b < batch; b++) row[b] = rng.nextInt(SYMBOLS);
        }
        return s;
    }

    static Mat oneHot(int[] symbols) {
        Mat x = new Mat(SYMBOLS, symbols.length);
        for (int b = 0; b < symbols.length; b++) x.set(symbols[b], b, 1f);
        return x;
    }

    /** Runs the sequences on {@code g} and returns the summed loss over every predicted symbol. */
    static double loss(Graph g, RecurrentModel m, int[][] symbols) {
        int batch = symbols[0].length;
        int[] masked = new int[batch];
        java.util.Arrays.fill(masked, -1);
        State s = m.initialState(batch);
        double loss = 0;
        for (int t = 0; t < LENGTH; t++) {
            s = m.forward(g, oneHot(symbols[t]), s);
            loss += g.softmaxCrossEntropy(s.output(), t < DELAY ? masked : symbols[t - DELAY]);
        }
        return loss;
    }

    /**
     * Every kind with the default init, except the ReLU RNN: RMSProp's first steps move each weight by about
     * 30·lr whatever its gradient (the cache starts at zero), which at init 0.08 leaves every ReLU dead in some
     * seeds; at 0.2 it learns in every seed tried. The scalar-gate GF-RNN is the most sensitive to those first
     * steps (one gate row sums every layer's state): with a wider top layer it can stall at ln 4 for this seed.
     */
    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void learnsToEchoTwoStepsBack(ModelKind kind) {
        List<Integer> sizes = kind.id().startsWith("gf-") ? List.of(16, 12) : List.of(16, 16);
        Init init = kind == ModelKind.RNN ? Init.uniform(0.2f) : Init.DEFAULT;
        RecurrentModel m = kind.create(SYMBOLS, sizes, SYMBOLS, init, new SplittableRandom(1));
        RmsProp solver = new RmsProp();
        SplittableRandom data = new SplittableRandom(2);
        int[][] heldOut = symbols(64, new SplittableRandom(3));
        double predictions = heldOut[0].length * (LENGTH - DELAY);
        Graph train = new Graph(), eval = new Graph(false);
        double meanLoss = Double.NaN;
        int step = 0;
        while (step < MAX_STEPS) {
            train.reset();
            loss(train, m, symbols(BATCH, data));
            train.backward();
            StepResult result = solver.step(m.parameters(), LEARNING_RATE, REGC, CLIP);
            assertFalse(result.nonFinite(), kind + ": non-finite gradient in " + result.nonFiniteParameter());
            step++;
            if (step % EVAL_EVERY == 0) {
                eval.reset();
                meanLoss = loss(eval, m, heldOut) / predictions;
                if (meanLoss < THRESHOLD) break;
            }
        }
        System.out.printf("%s %s: mean loss %.4f nats after %d steps%n", kind, sizes, meanLoss, step);
        assertTrue(meanLoss < THRESHOLD, kind + ": mean loss " + meanLoss + " after " + step + " steps");
    }
}
