package org.recurrent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Construction, views, shape errors and the two random initialisers. */
class MatTest {

    @Test
    void ofIsRowMajor() {
        Mat m = Mat.of(2, 3, 1, 2, 3, 4, 5, 6);
        assertEquals(6f, m.get(1, 2));
        assertEquals(4f, m.get(1, 0));
        assertEquals("2x3", m.shape());
        assertEquals(6, m.size());
        assertArrayEquals(new float[6], m.dw);
    }

    @Test
    void badShapesAndCountsAreRejectedWithTheShape() {
        assertEquals("Mat.of: 2x3 needs 6 values, got 5",
                assertThrows(IllegalArgumentException.class, () -> Mat.of(2, 3, 1, 2, 3, 4, 5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mat(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Mat(3, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> new Mat(2, 2).get(2, 0));
    }

    @Test
    void aRowBlockSharesStorageAtAnOffset() {
        Mat m = Mat.of(4, 2, 1, 2, 3, 4, 5, 6, 7, 8);
        Mat view = m.rowBlock(1, 2);
        assertSame(m.w, view.w);
        assertEquals(2, view.offset);
        assertEquals(3f, view.get(0, 0));
        view.set(1, 1, 60);
        view.setGrad(0, 1, 9);
        assertEquals(60f, m.get(2, 1));
        assertEquals(9f, m.grad(1, 1));
        Mat nested = view.rowBlock(1, 1);
        assertEquals(4, nested.offset);
        Mat all = Mat.of(4, 2, new float[8]);
        java.util.Arrays.fill(all.dw, 1f);
        all.rowBlock(1, 2).zeroGrad();
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0, 1, 1}, all.dw, "zeroGrad clears only the view");
        assertThrows(IllegalArgumentException.class, () -> m.rowBlock(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(2, 0));
    }

    @Test
    void uniformIsDeterministicForASeedAndInRange() {
        Mat a = Mat.uniform(50, 40, 0.08f, new SplittableRandom(42));
        Mat b = Mat.uniform(50, 40, 0.08f, new SplittableRandom(42));
        assertArrayEquals(a.w, b.w);
        double sum = 0;
        double sumSq = 0;
        for (float v : a.w) {
            assertTrue(v >= -0.08f && v <= 0.08f, "uniform on [-std, std]: " + v);
            sum += v;
            sumSq += v * v;
        }
        // The standard deviation of U[-s, s] is s/√3 ≈ 0.0462; 2000 draws estimate it within a few percent.
        assertEquals(0.08 / Math.sqrt(3), Math.sqrt(sumSq / a.size()), 0.003);
        assertEquals(0, sum / a.size(), 0.004);
        assertTrue(!java.util.Arrays.equals(a.w, Mat.uniform(50, 40, 0.08f, new SplittableRandom(43)).w),
                "another seed gives other values");
    }

    @Test
    void gaussianIsDeterministicForASeedWithTheRightSpread() {
        Mat a = Mat.gaussian(50, 40, 0.08f, new SplittableRandom(7));
        Mat b = Mat.gaussian(50, 40, 0.08f, new SplittableRandom(7));
        assertArrayEquals(a.w, b.w);
        double sumSq = 0;
        int beyondTwoStd = 0;
        for (float v : a.w) {
            sumSq += v * v;
            if (Math.abs(v) > 0.16f) beyondTwoStd++;
        }
        assertEquals(0.08, Math.sqrt(sumSq / a.size()), 0.004);
        // About 4.6% of a normal lies beyond two standard deviations, unlike a uniform on [-std, std] (none).
        assertTrue(beyondTwoStd > 50 && beyondTwoStd < 140, "beyond 2 std: " + beyondTwoStd);
    }
}
