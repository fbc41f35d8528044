package org.recurrent4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * Weight gradients of products with a leaf on the left are gathered over backward and applied as one product:
 * the sum is the per-step one up to rounding, op outputs on the left are never deferred, and the records of
 * weights no longer used are dropped.
 */
class DeferredProductsTest {

    static Mat random(int rows, int cols, long seed) {
        return Mat.uniform(rows, cols, 1f, new SplittableRandom(seed));
    }

    @Test
    void aWeightUsedAtManyStepsGetsTheSumOfItsOuterProducts() {
        aWeightUsedAtManyStepsGetsTheSumOfItsOuterProducts(Kernels.scalar(), 3);
        // Batches of 1, 2, 1 and 3 columns over 12 steps: the factor buffers widen several times mid-sequence.
        aWeightUsedAtManyStepsGetsTheSumOfItsOuterProducts(Kernels.vector(), 12);
    }

    private static void aWeightUsedAtManyStepsGetsTheSumOfItsOuterProducts(Kernels kernels, int steps) {
        Mat w = random(5, 3, 1);
        int[] widths = {1, 2, 1, 3};
        List<Mat> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) xs.add(random(3, widths[t % widths.length], 2 + t));
        Graph g = new Graph(true, kernels);
        double[] expected = new double[w.size()];
        for (int t = 0; t < xs.size(); t++) {
            Mat x = xs.get(t);
            Mat out = g.mul(w, x);
            SplittableRandom rng = new SplittableRandom(10 + t);
            for (int i = 0; i < out.size(); i++) out.dw[i] = (float) (rng.nextDouble() * 2 - 1);
            // Δ·xᵀ, by hand, in double.
            for (int r = 0; r < w.rows; r++) {
                for (int c = 0; c < w.cols; c++) {
                    for (int col = 0; col < x.cols; col++) {
                        expected[r * w.cols + c] += (double) out.grad(r, col) * x.get(c, col);
                    }
                }
            }
        }
        double tolerance = 1e-6 * steps / 3;
        g.backward();
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], w.dw[i], tolerance, "element " + i);
        g.backward();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(2 * expected[i], w.dw[i], 2 * tolerance, "twice, element " + i);
        }
    }

    @Test
    void opOutputsAndTheirViewsOnTheLeftAreNotDeferred() {
        Mat w = random(6, 3, 5);
        Mat x = random(3, 1, 6);
        Mat y = random(3, 2, 7);
        GradientCheck.check(List.of(w, x, y), g -> {
            Mat squashed = g.tanh(w);
            Mat a = g.mul(squashed, x);
            Mat b = g.mul(g.rowBlock(squashed, 2, 4), y);
            Mat c = g.mul(g.rowBlock(w, 1, 3), x);
            return GradientCheck.project(a, 8) + GradientCheck.project(b, 9) + GradientCheck.project(c, 10);
        });
    }

    @Test
    void deferredAndImmediateGradientsAgreeThroughARecurrence() {
        Mat wx = random(4, 3, 11);
        Mat wh = random(4, 4, 12);
        Mat x = random(3, 2, 13);
        Graph g = new Graph(true, Kernels.scalar());
        Mat h = new Mat(4, 2);
        for (int t = 0; t < 6; t++) {
            h = g.tanh(g.add(g.mul(wx, x), g.mul(wh, h)));
            GradientCheck.project(h, t);
        }
        g.backward();
        float[] deferred = wh.dw.clone();
        // The same recurrence with Wh on the graph (an op output), so that its gradient is applied step by step.
        wx.zeroGrad();
        wh.zeroGrad();
        Graph immediate = new Graph(true, Kernels.scalar());
        Mat whOnGraph = immediate.scale(wh, 1f);
        h = new Mat(4, 2);
        for (int t = 0; t < 6; t++) {
            h = immediate.tanh(immediate.add(immediate.mul(wx, x), immediate.mul(whOnGraph, h)));
            GradientCheck.project(h, t);
        }
        immediate.backward();
        assertArrayEquals(deferred, wh.dw, 1e-5f);
    }

    @Test
    void weightsThatAreNoLongerUsedAreForgotten() {
        Mat x = random(3, 1, 14);
        Graph g = new Graph();
        for (int sequence = 0; sequence < 200; sequence++) {
            g.reset();
            Mat out = g.mul(random(2, 3, sequence), x);
            out.dw[0] = 1f;
            g.backward();
        }
        assertTrue(g.deferred().leafCount() <= 20, "remembered " + g.deferred().leafCount());
    }
}
