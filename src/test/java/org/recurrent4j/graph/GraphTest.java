package org.recurrent4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.tensor.Mat;

/** The tape's values, its accumulation, its buffer reuse, inference mode and its shape errors. */
class GraphTest {

    @Test
    void mulOfTheSeedExampleWithGradientsByHand() {
        Mat a = Mat.of(3, 2, 1, 2, 3, 4, 5, 6);
        Mat b = Mat.of(2, 3, 2, 3, 4, 5, 6, 7);
        Graph g = new Graph();
        Mat out = g.mul(a, b);
        assertArrayEquals(new float[] {12, 15, 18, 26, 33, 40, 40, 51, 62}, out.w);
        float[] delta = {1, 0, -1, 0, 2, 0, 1, 1, 1};
        System.arraycopy(delta, 0, out.dw, 0, delta.length);
        g.backward();
        // a.dw = Δ·bᵀ and b.dw = aᵀ·Δ, worked out by hand.
        assertArrayEquals(new float[] {-2, -2, 6, 12, 9, 18}, a.dw);
        assertArrayEquals(new float[] {6, 11, 4, 8, 14, 4}, b.dw);
    }

    @Test
    void backwardAccumulatesIntoTheInputs() {
        Mat a = Mat.of(3, 2, 1, 2, 3, 4, 5, 6);
        Mat b = Mat.of(2, 3, 2, 3, 4, 5, 6, 7);
        Graph g = new Graph();
        Mat out = g.mul(a, b);
        java.util.Arrays.fill(out.dw, 1f);
        g.backward();
        float[] once = a.dw.clone();
        g.backward();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], a.dw[i]);
    }

    @Test
    void gradientsOfAViewLandInItsRowsOfTheParent() {
        Mat parent = Mat.of(4, 2, 1, 1, 1, 1, 1, 2, 3, 4);
        Mat view = parent.rowBlock(2, 2);
        Graph g = new Graph();
        Mat out = g.mul(view, Mat.of(2, 1, 1, 1));
        assertArrayEquals(new float[] {3, 7}, out.w);
        java.util.Arrays.fill(out.dw, 1f);
        g.backward();
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, parent.dw);
    }

    @Test
    void valuesOfTheElementWiseOps() {
        Mat m = Mat.of(2, 2, -1, 0, 0.5f, 2);
        Graph g = new Graph();
        assertArrayEquals(new float[] {0, 0, 0.5f, 2}, g.relu(m).w);
        assertArrayEquals(new float[] {-2, 0, 1, 4}, g.scale(m, 2).w);
        assertArrayEquals(new float[] {0, 1, 1.5f, 3}, g.addScalar(m, 1).w);
        assertArrayEquals(new float[] {1, 0, 0.25f, 4}, g.eltmul(m, m).w);
        assertArrayEquals(new float[] {(float) Math.tanh(-1), 0, (float) Math.tanh(0.5), (float) Math.tanh(2)},
                g.tanh(m).w, 1e-6f);
        assertEquals(0.5f, g.sigmoid(m).get(0, 1), 1e-7f);
        assertArrayEquals(new float[] {-1, 0, 0.5f, 2, -1, 0, 0.5f, 2}, g.concat(m, m).w);
        assertArrayEquals(new float[] {9, 10, 10.5f, 12}, g.add(m, Mat.of(2, 1, 10, 10)).w);
        assertArrayEquals(new float[] {0.5f, -1, 2, 0}, g.rowPluck(m, new int[] {1, 0}).w);
        Mat row = g.rowPluck(m, 1);
        assertEquals(2, row.rows);
        assertEquals(1, row.cols);
        assertArrayEquals(new float[] {0.5f, 2}, row.w);
    }

    @Test
    void softmaxCrossEntropyReturnsNatsAndWritesTheGradient() {
        Mat logits = Mat.of(3, 2, 1, 0, 2, 0, 3, 0);
        Graph g = new Graph();
        double loss = g.softmaxCrossEntropy(logits, 2, 0);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(-Math.log(Math.exp(3) / z) - Math.log(1.0 / 3), loss, 1e-5);
        assertEquals(Math.exp(3) / z - 1, logits.grad(2, 0), 1e-6);
        assertEquals(1.0 / 3 - 1, logits.grad(0, 1), 1e-6);
        assertEquals(1.0 / 3, logits.grad(1, 1), 1e-6);
        assertEquals(0.0, g.softmaxCrossEntropy(logits, -1, -1));
    }

    /** A batched two-step recurrence over most ops; returns the loss. */
    private static double sequence(Graph g, Mat embed, Mat w, Mat u, Mat bias, Mat dec) {
        Mat h = new Mat(4, 2);
        double loss = 0;
        for (int t = 0; t < 3; t++) {
            Mat x = g.rowPluck(embed, new int[] {t, t + 1});
            h = g.tanh(g.add(g.mul(w, x), g.mul(u, h), bias));
            Mat gate = g.sigmoid(g.scale(h, 2f));
            loss += g.softmaxCrossEntropy(g.mul(dec, g.concat(g.eltmul(gate, h), h)), t, 4 - t);
        }
        return loss;
    }

    @Test
    void resetReusesEveryBufferAndGivesIdenticalResults() {
        SplittableRandom rng = new SplittableRandom(3);
        Mat embed = Mat.uniform(5, 3, 1f, rng);
        Mat w = Mat.uniform(4, 3, 1f, rng);
        Mat u = Mat.uniform(4, 4, 1f, rng);
        Mat bias = Mat.uniform(4, 1, 1f, rng);
        Mat dec = Mat.uniform(5, 8, 1f, rng);
        List<Mat> params = List.of(embed, w, u, bias, dec);
        Graph g = new Graph();
        double first = sequence(g, embed, w, u, bias, dec);
        g.backward();
        float[][] grads = params.stream().map(p -> p.dw.clone()).toArray(float[][]::new);
        int allocated = g.allocations();
        int ops = g.size();
        assertTrue(allocated >= ops, "a buffer per op, and the weight-gradient factors, on the first run");
        for (int run = 0; run < 3; run++) {
            params.forEach(Mat::zeroGrad);
            g.reset();
            assertEquals(first, sequence(g, embed, w, u, bias, dec));
            g.backward();
            for (int i = 0; i < grads.length; i++) assertArrayEquals(grads[i], params.get(i).dw);
            assertEquals(allocated, g.allocations(), "no new buffers in steady state");
            assertEquals(ops, g.size());
        }
    }

    @Test
    void theSelectedKernelsAgreeWithTheScalarTwins() {
        SplittableRandom rng = new SplittableRandom(5);
        Mat embed = Mat.uniform(5, 3, 1f, rng);
        Mat w = Mat.uniform(4, 3, 1f, rng);
        Mat u = Mat.uniform(4, 4, 1f, rng);
        Mat bias = Mat.uniform(4, 1, 1f, rng);
        Mat dec = Mat.uniform(5, 8, 1f, rng);
        List<Mat> params = List.of(embed, w, u, bias, dec);
        Graph scalar = new Graph(true, org.recurrent4j.kernel.Kernels.scalar());
        double expected = sequence(scalar, embed, w, u, bias, dec);
        scalar.backward();
        float[][] grads = params.stream().map(p -> p.dw.clone()).toArray(float[][]::new);
        params.forEach(Mat::zeroGrad);
        Graph selected = new Graph();
        assertEquals(expected, sequence(selected, embed, w, u, bias, dec), 1e-5 * Math.abs(expected));
        selected.backward();
        // Products may sum in another order (and with FMA): agreement to float rounding, not bit for bit.
        for (int i = 0; i < grads.length; i++) assertArrayEquals(grads[i], params.get(i).dw, 1e-5f);
    }

    @Test
    void aPositionWhoseShapeChangesGetsANewBuffer() {
        Graph g = new Graph();
        Mat first = g.tanh(new Mat(3, 2));
        g.reset();
        Mat same = g.tanh(new Mat(3, 2));
        assertSame(first, same);
        g.reset();
        Mat other = g.tanh(Mat.of(3, 1, 1, 2, 3));
        assertNotSame(first, other);
        assertEquals(3, other.rows);
        assertEquals(1, other.cols);
        assertEquals((float) Math.tanh(3), other.get(2, 0), 1e-6f);
        assertEquals(2, g.allocations());
    }

    @Test
    void aReusedBufferStartsWithAZeroGradient() {
        Mat m = Mat.of(1, 2, 1, 2);
        Graph g = new Graph();
        Mat out = g.scale(m, 3);
        out.dw[0] = 5;
        g.backward();
        g.reset();
        m.zeroGrad();
        Mat again = g.scale(m, 3);
        assertSame(out, again);
        assertArrayEquals(new float[] {0, 0}, again.dw);
        g.backward();
        assertArrayEquals(new float[] {0, 0}, m.dw);
    }

    @Test
    void withoutBackpropValuesAreTheSameAndBackwardRefuses() {
        SplittableRandom rng = new SplittableRandom(4);
        Mat embed = Mat.uniform(5, 3, 1f, rng);
        Mat w = Mat.uniform(4, 3, 1f, rng);
        Mat u = Mat.uniform(4, 4, 1f, rng);
        Mat bias = Mat.uniform(4, 1, 1f, rng);
        Mat dec = Mat.uniform(5, 8, 1f, rng);
        Graph inference = new Graph(false);
        assertEquals(false, inference.needsBackprop());
        double loss = sequence(inference, embed, w, u, bias, dec);
        assertEquals(sequence(new Graph(true), embed, w, u, bias, dec), loss);
        IllegalStateException e = assertThrows(IllegalStateException.class, inference::backward);
        assertTrue(e.getMessage().contains("needsBackprop = false"), e.getMessage());
        for (Mat p : List.of(embed, w, u, bias)) assertArrayEquals(new float[p.size()], p.dw);
        int allocated = inference.allocations();
        inference.reset();
        sequence(inference, embed, w, u, bias, dec);
        assertEquals(allocated, inference.allocations());
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        Graph g = new Graph();
        assertMessage("mul: 20x5 · 7x1", () -> g.mul(new Mat(20, 5), new Mat(7, 1)));
        assertMessage("add: 3x2 + 4x2", () -> g.add(new Mat(3, 2), new Mat(4, 2)));
        assertMessage("add: 3x4 + 3x2", () -> g.add(new Mat(3, 1), new Mat(3, 4), new Mat(3, 2)));
        assertMessage("eltmul: 3x2 ⊙ 2x3", () -> g.eltmul(new Mat(3, 2), new Mat(2, 3)));
        assertMessage("concat: 3x2 above 4x3 (column counts differ)", () -> g.concat(new Mat(3, 2), new Mat(4, 3)));
        assertMessage("rowPluck: index 7 outside 0..4 of 5x3", () -> g.rowPluck(new Mat(5, 3), 7));
        assertMessage("rowPluck: index -1 (column 1) outside 0..4 of 5x3",
                () -> g.rowPluck(new Mat(5, 3), new int[] {0, -1}));
        assertMessage("softmaxCrossEntropy: 5x2 logits need 2 targets, got 1",
                () -> g.softmaxCrossEntropy(new Mat(5, 2), new int[] {1}));
        assertMessage("softmaxCrossEntropy: target 5 of column 0 outside 0..4 of 5x1",
                () -> g.softmaxCrossEntropy(new Mat(5, 1), 5));
        assertEquals(0, g.size(), "a rejected op leaves the tape untouched");
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
