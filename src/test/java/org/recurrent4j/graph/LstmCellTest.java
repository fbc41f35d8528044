package org.recurrent4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * The fused LSTM cell against finite differences and against the composition of primitive ops it replaces.
 * The fused op makes the same kernel calls as the composition, so values and gradients agree to within the
 * ulp that the Vector API's EXP and TANH may differ by between calls (1e-6 is a few hundred ulps here).
 */
class LstmCellTest {

    /** The cell written with primitive ops on row-block views of the pre-activations: [c; h] as two matrices. */
    static Mat[] composed(Graph g, Mat pre, Mat cPrev) {
        int h = cPrev.rows;
        Mat ifo = g.sigmoid(g.rowBlock(pre, 0, 3 * h));
        Mat write = g.tanh(g.rowBlock(pre, 3 * h, h));
        Mat c = g.add(g.eltmul(g.rowBlock(ifo, h, h), cPrev), g.eltmul(g.rowBlock(ifo, 0, h), write));
        return new Mat[] {c, g.eltmul(g.rowBlock(ifo, 2 * h, h), g.tanh(c))};
    }

    static Mat[] fused(Graph g, Mat pre, Mat cPrev) {
        Mat ch = g.lstmCell(pre, cPrev);
        return new Mat[] {g.rowBlock(ch, 0, cPrev.rows), g.rowBlock(ch, cPrev.rows, cPrev.rows)};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void gradientMatchesFiniteDifferences(int batch) {
        SplittableRandom rng = new SplittableRandom(1 + batch);
        Mat pre = Mat.uniform(4 * 5, batch, 2f, rng);
        Mat cPrev = Mat.uniform(5, batch, 1f, rng);
        GradientCheck.check(List.of(pre, cPrev), g -> {
            Mat[] ch = fused(g, pre, cPrev);
            return GradientCheck.project(ch[0], 2) + GradientCheck.project(ch[1], 3);
        });
    }

    /** Sizes around the vector width, so that full vectors and scalar tails both run in each block. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 20, 33})
    void equalsTheCompositionOfPrimitiveOps(int hidden) {
        for (Kernels kernels : List.of(Kernels.scalar(), Kernels.get())) {
            for (int batch : new int[] {1, 2}) {
                SplittableRandom rng = new SplittableRandom(hidden * 10L + batch);
                Mat pre = Mat.uniform(4 * hidden, batch, 3f, rng);
                Mat cPrev = Mat.uniform(hidden, batch, 2f, rng);
                float[][] reference = run(new Graph(true, kernels), pre, cPrev, false);
                float[][] actual = run(new Graph(true, kernels), pre, cPrev, true);
                String what = kernels.implementation() + " H=" + hidden + " B=" + batch;
                assertArrayEquals(reference[0], actual[0], 1e-6f, what + " c");
                assertArrayEquals(reference[1], actual[1], 1e-6f, what + " h");
                assertArrayEquals(reference[2], actual[2], 1e-6f, what + " pre.dw");
                assertArrayEquals(reference[3], actual[3], 1e-6f, what + " cPrev.dw");
            }
        }
    }

    /** c, h, pre.dw and cPrev.dw after one forward and a backward with random gradients on c and h. */
    private static float[][] run(Graph g, Mat pre, Mat cPrev, boolean fuse) {
        pre.zeroGrad();
        cPrev.zeroGrad();
        Mat[] ch = fuse ? fused(g, pre, cPrev) : composed(g, pre, cPrev);
        GradientCheck.project(ch[0], 4);
        GradientCheck.project(ch[1], 5);
        g.backward();
        return new float[][] {values(ch[0]), values(ch[1]), pre.dw.clone(), cPrev.dw.clone()};
    }

    private static float[] values(Mat m) {
        float[] v = new float[m.size()];
        System.arraycopy(m.w, m.offset, v, 0, v.length);
        return v;
    }

    @Test
    void aRecurrenceThroughTheCellAllocatesNothingInSteadyState() {
        SplittableRandom rng = new SplittableRandom(9);
        Mat wx = Mat.uniform(16, 3, 1f, rng);
        Mat wh = Mat.uniform(16, 4, 1f, rng);
        Mat x = Mat.uniform(3, 2, 1f, rng);
        Graph g = new Graph();
        int allocated = 0;
        double first = 0;
        for (int run = 0; run < 4; run++) {
            g.reset();
            Mat h = new Mat(4, 2);
            Mat c = new Mat(4, 2);
            double loss = 0;
            for (int t = 0; t < 5; t++) {
                Mat[] ch = fused(g, g.add(g.mul(wx, x), g.mul(wh, h)), c);
                c = ch[0];
                h = ch[1];
                loss += GradientCheck.project(h, t);
            }
            g.backward();
            if (run == 0) {
                allocated = g.allocations();
                first = loss;
            }
            assertEquals(allocated, g.allocations(), "no new buffers, work arrays or views in steady state");
            assertEquals(first, loss);
        }
    }

    @Test
    void shapesAreChecked() {
        Graph g = new Graph();
        assertEquals("lstmCell: 12x1 gates, 4x1 cell (gates must be 4H×B for an H×B cell)",
                assertThrows(IllegalArgumentException.class, () -> g.lstmCell(new Mat(12, 1), new Mat(4, 1)))
                        .getMessage());
        assertEquals("lstmCell: 16x2 gates, 4x1 cell (gates must be 4H×B for an H×B cell)",
                assertThrows(IllegalArgumentException.class, () -> g.lstmCell(new Mat(16, 2), new Mat(4, 1)))
                        .getMessage());
        assertEquals(0, g.size());
    }
}
