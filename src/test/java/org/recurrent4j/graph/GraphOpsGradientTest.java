package org.recurrent4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.tensor.Mat;

/**
 * Every op against finite differences, on every input, in the single-column and the batched forms. Tolerances
 * are {@link GradientCheck}'s defaults: |analytic − numerical| ≤ 1e-4 + 1e-2·max(|analytic|, |numerical|).
 */
class GraphOpsGradientTest {

    static Mat random(int rows, int cols, long seed) {
        return Mat.uniform(rows, cols, 1f, new SplittableRandom(seed));
    }

    /** Entries with |x| in [0.2, 1], so that a step of 1e-2 never crosses relu's kink. */
    static Mat awayFromZero(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Mat m = new Mat(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            float v = (float) (0.2 + 0.8 * rng.nextDouble());
            m.w[i] = rng.nextBoolean() ? v : -v;
        }
        return m;
    }

    @Test
    void rowPluck() {
        Mat m = random(5, 3, 1);
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.rowPluck(m, 2), 11));
    }

    @Test
    void rowPluckBatchedWithRepeatedIndex() {
        Mat m = random(5, 3, 2);
        int[] ix = {4, 0, 4, 2};
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.rowPluck(m, ix), 12));
    }

    @Test
    void rowPluckFromAView() {
        Mat parent = random(7, 3, 3);
        Mat view = parent.rowBlock(2, 4);
        GradientCheck.check(List.of(view), g -> GradientCheck.project(g.rowPluck(view, new int[] {3, 1}), 13));
    }

    @Test
    void tanh() {
        Mat m = Mat.uniform(3, 4, 2f, new SplittableRandom(4));
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.tanh(m), 14));
    }

    @Test
    void sigmoid() {
        Mat m = Mat.uniform(3, 4, 3f, new SplittableRandom(5));
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.sigmoid(m), 15));
    }

    @Test
    void relu() {
        Mat m = awayFromZero(3, 4, 6);
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.relu(m), 16));
    }

    @Test
    void mulMatrixVector() {
        Mat a = random(3, 4, 7);
        Mat x = random(4, 1, 8);
        GradientCheck.check(List.of(a, x), g -> GradientCheck.project(g.mul(a, x), 17));
    }

    @Test
    void mulBatched() {
        Mat a = random(3, 4, 9);
        Mat b = random(4, 5, 10);
        GradientCheck.check(List.of(a, b), g -> GradientCheck.project(g.mul(a, b), 18));
    }

    @Test
    void mulOfViews() {
        Mat fused = random(8, 4, 11);
        Mat a = fused.rowBlock(5, 3);
        Mat x = random(6, 2, 12).rowBlock(1, 4);
        GradientCheck.check(List.of(a, x), g -> GradientCheck.project(g.mul(a, x), 19));
    }

    @Test
    void addTwoThreeAndMany() {
        Mat a = random(3, 2, 13);
        Mat b = random(3, 2, 14);
        Mat c = random(3, 2, 15);
        Mat d = random(3, 2, 16);
        GradientCheck.check(List.of(a, b), g -> GradientCheck.project(g.add(a, b), 20));
        GradientCheck.check(List.of(a, b, c), g -> GradientCheck.project(g.add(a, b, c), 21));
        GradientCheck.check(List.of(a, b, c, d), g -> GradientCheck.project(g.add(new Mat[] {a, b, c, d}), 22));
        GradientCheck.check(List.of(a), g -> GradientCheck.project(g.add(new Mat[] {a}), 23));
    }

    @Test
    void addSameInputTwice() {
        Mat a = random(3, 2, 17);
        GradientCheck.check(List.of(a), g -> GradientCheck.project(g.add(a, a), 24));
    }

    @Test
    void addBroadcastsAColumnOverTheBatch() {
        Mat x = random(3, 4, 18);
        Mat bias = random(3, 1, 19);
        Mat y = random(3, 4, 20);
        GradientCheck.check(List.of(x, bias, y), g -> GradientCheck.project(g.add(x, bias, y), 25));
        GradientCheck.check(List.of(bias, x), g -> GradientCheck.project(g.add(bias, x), 26));
    }

    @Test
    void eltmul() {
        Mat a = random(3, 4, 21);
        Mat b = random(3, 4, 22);
        GradientCheck.check(List.of(a, b), g -> GradientCheck.project(g.eltmul(a, b), 27));
        GradientCheck.check(List.of(a), g -> GradientCheck.project(g.eltmul(a, a), 28));
    }

    @Test
    void concat() {
        Mat a = random(2, 3, 23);
        Mat b = random(1, 3, 24);
        Mat c = random(4, 3, 25);
        GradientCheck.check(List.of(a, b), g -> GradientCheck.project(g.concat(a, b), 29));
        GradientCheck.check(List.of(a, b, c), g -> GradientCheck.project(g.concat(new Mat[] {a, b, c}), 30));
        GradientCheck.check(List.of(a, b, c), g -> GradientCheck.project(g.concat(List.of(a, c, b, a)), 30));
    }

    @Test
    void scaleAndAddScalar() {
        Mat m = random(3, 4, 26);
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.scale(m, -1.7f), 31));
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.addScalar(m, 0.3f), 32));
    }

    @Test
    void softmaxCrossEntropyOnLogits() {
        Mat logits = Mat.uniform(5, 1, 2f, new SplittableRandom(27));
        GradientCheck.check(List.of(logits), g -> g.softmaxCrossEntropy(logits, 3));
    }

    @Test
    void softmaxCrossEntropyBatchedWithAMaskedColumn() {
        Mat logits = Mat.uniform(5, 3, 2f, new SplittableRandom(28));
        GradientCheck.check(List.of(logits), g -> g.softmaxCrossEntropy(logits, 1, -1, 4));
        for (int i = 0; i < 5; i++) assertEquals(0f, logits.grad(i, 1), "masked column has no gradient");
    }

    @Test
    void aBatchedRecurrentStepThroughEveryOpKind() {
        Mat embed = random(6, 3, 29);
        Mat wx = random(4, 3, 30);
        Mat wh = random(4, 4, 31);
        Mat bias = random(4, 1, 32);
        Mat h0 = random(4, 2, 33);
        Mat decoder = random(6, 8, 34);
        GradientCheck.check(List.of(embed, wx, wh, bias, h0, decoder), g -> {
            Mat h = h0;
            double loss = 0;
            int[][] inputs = {{1, 5}, {0, 2}, {3, 3}};
            int[][] targets = {{2, -1}, {5, 1}, {0, 4}};
            for (int t = 0; t < inputs.length; t++) {
                Mat x = g.rowPluck(embed, inputs[t]);
                Mat pre = g.add(g.mul(wx, x), g.mul(wh, h), bias);
                Mat gate = g.sigmoid(g.scale(pre, 0.5f));
                Mat cand = g.tanh(g.addScalar(pre, -0.1f));
                h = g.add(g.eltmul(gate, cand), g.eltmul(g.addScalar(g.scale(gate, -1f), 1f), h));
                Mat logits = g.mul(decoder, g.concat(h, g.relu(h)));
                loss += g.softmaxCrossEntropy(logits, targets[t]);
            }
            return loss;
        });
    }

    @Test
    void theCheckerCatchesAGradientThatIsOffByTwoPercent() {
        Mat m = random(3, 4, 35);
        AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.check(List.of(m), g -> {
            Mat out = g.tanh(m);
            double loss = GradientCheck.project(out, 36);
            for (int i = 0; i < out.size(); i++) out.dw[i] *= 1.02f;
            return loss;
        }));
        assertEquals(true, e.getMessage().startsWith("gradient check: input 0"), e.getMessage());
    }

    @Test
    void theCheckerCatchesADroppedBroadcastColumn() {
        Mat x = random(3, 4, 37);
        Mat bias = random(3, 1, 38);
        // The bias gradient of Σ r ⊙ (x + bias) sums four columns; seeding only three of them must fail.
        assertThrows(AssertionError.class, () -> GradientCheck.check(List.of(bias), g -> {
            Mat out = g.add(x, bias);
            double loss = GradientCheck.project(out, 39);
            for (int i = 0; i < out.rows; i++) out.setGrad(i, 3, 0f);
            return loss;
        }));
    }

    @Test
    void theCheckerRefusesALossThatSeedsNothing() {
        Mat m = random(2, 2, 40);
        assertThrows(AssertionError.class, () -> GradientCheck.check(List.of(m), g -> {
            g.tanh(m);
            return 0.0;
        }));
    }
}
