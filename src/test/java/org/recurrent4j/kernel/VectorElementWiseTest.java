package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent4j.kernel.KernelTesting.assertClose;
import static org.recurrent4j.kernel.KernelTesting.assertSameBits;
import static org.recurrent4j.kernel.KernelTesting.dyadic;
import static org.recurrent4j.kernel.KernelTesting.sizes;
import static org.recurrent4j.kernel.KernelTesting.uniform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API element-wise kernels against the scalar twin, at every tail length and at large sizes, with
 * distinct non-zero offsets. The arithmetic is the same, so results must be bit-identical, guard elements
 * included; only the row sums are reordered, and they are exact on dyadic data.
 */
class VectorElementWiseTest {
    private static final int A_OFF = 3, B_OFF = 5, OUT_OFF = 1, GUARD = 7;

    private final ElementWise scalar = Kernels.scalar().elementWise();
    private ElementWise vector;
    private final SplittableRandom rng = new SplittableRandom(42);

    @BeforeEach
    void setUp() {
        vector = KernelTesting.vector().elementWise();
    }

    private interface Binary {
        void apply(ElementWise k, int n, float[] a, float[] b, float[] out);
    }

    private void checkBinary(String op, Binary f) {
        for (int n : sizes()) {
            float[] a = uniform(rng, A_OFF + n + GUARD, -3, 3);
            float[] b = uniform(rng, B_OFF + n + GUARD, -3, 3);
            float[] expected = uniform(rng, OUT_OFF + n + GUARD, -3, 3);
            float[] actual = expected.clone();
            f.apply(scalar, n, a, b, expected);
            f.apply(vector, n, a, b, actual);
            assertSameBits(expected, actual, op + " n=" + n);
        }
    }

    @Test
    void binaryOpsAreBitIdentical() {
        checkBinary("add", (k, n, a, b, o) -> k.add(n, a, A_OFF, b, B_OFF, o, OUT_OFF));
        checkBinary("sub", (k, n, a, b, o) -> k.sub(n, a, A_OFF, b, B_OFF, o, OUT_OFF));
        checkBinary("mul", (k, n, a, b, o) -> k.mul(n, a, A_OFF, b, B_OFF, o, OUT_OFF));
        checkBinary("mulAdd", (k, n, a, b, o) -> k.mulAdd(n, a, A_OFF, b, B_OFF, o, OUT_OFF));
        checkBinary("axpy", (k, n, a, b, o) -> k.axpy(n, -0.37f, a, A_OFF, o, OUT_OFF));
        checkBinary("scale", (k, n, a, b, o) -> k.scale(n, 1.7f, o, OUT_OFF));
        checkBinary("fill", (k, n, a, b, o) -> k.fill(n, 0.25f, o, OUT_OFF));
    }

    @Test
    void addInPlaceAliasesItsInput() {
        for (int n : sizes()) {
            float[] a = uniform(rng, n + 2, -1, 1);
            float[] b = uniform(rng, n + 2, -1, 1);
            float[] expected = a.clone();
            float[] actual = a.clone();
            scalar.add(n, expected, 1, b, 2, expected, 1);
            vector.add(n, actual, 1, b, 2, actual, 1);
            assertSameBits(expected, actual, "add in place n=" + n);
        }
    }

    @Test
    void addColumnVectorBroadcastsAlongRows() {
        for (int rows : new int[] {1, 3, 8}) {
            for (int cols : sizes()) {
                int ldc = cols + 3;
                float[] v = uniform(rng, rows + 2, -1, 1);
                float[] expected = uniform(rng, 4 + rows * ldc, -1, 1);
                float[] actual = expected.clone();
                scalar.addColumnVector(rows, cols, v, 2, expected, 4, ldc);
                vector.addColumnVector(rows, cols, v, 2, actual, 4, ldc);
                assertSameBits(expected, actual, "addColumnVector " + rows + "x" + cols);
            }
        }
    }

    @Test
    void sumColumnsIsExactOnDyadicData() {
        for (int rows : new int[] {1, 3, 8}) {
            for (int cols : sizes()) {
                int lda = cols + 2;
                float[] a = dyadic(rng, 5 + rows * lda);
                float[] expected = dyadic(rng, rows + 3);
                float[] actual = expected.clone();
                scalar.sumColumns(rows, cols, a, 5, lda, expected, 1);
                vector.sumColumns(rows, cols, a, 5, lda, actual, 1);
                assertSameBits(expected, actual, "sumColumns " + rows + "x" + cols);
            }
        }
    }

    /**
     * On general data the sums differ only in rounding order. With random signs the rounding errors partly
     * cancel: the two agree within 2e-6·Σ|a| (the worst seen over a thousand random rows is 1.3e-7·Σ|a|).
     * A dropped or doubled element would move the sum by about Σ|a|/n, at least 2.4e-4·Σ|a| at these sizes.
     */
    @Test
    void sumColumnsMatchesOnGeneralData() {
        for (int cols : sizes()) {
            float[] a = uniform(rng, 2 * cols, -1, 1);
            float[] expected = new float[2];
            float[] actual = new float[2];
            scalar.sumColumns(2, cols, a, 0, cols, expected, 0);
            vector.sumColumns(2, cols, a, 0, cols, actual, 0);
            for (int r = 0; r < 2; r++) {
                double abs = 0;
                for (int j = 0; j < cols; j++) abs += Math.abs(a[r * cols + j]);
                assertClose(new float[] {expected[r]}, new float[] {actual[r]}, 0, 2e-6 * abs, "sumColumns n=" + cols);
            }
        }
    }

    /** Each column's rows are added in order by both kernel sets, so the sums agree bit for bit on any data. */
    @Test
    void sumRowsAddsEachColumnsRowsInOrder() {
        for (int rows : new int[] {1, 3, 37}) {
            for (int cols : sizes()) {
                int lda = cols + 3;
                float[] a = uniform(rng, 2 + rows * lda, -3, 3);
                float[] expected = uniform(rng, OUT_OFF + cols + GUARD, -1, 1);
                float[] actual = expected.clone();
                scalar.sumRows(rows, cols, a, 2, lda, expected, OUT_OFF);
                vector.sumRows(rows, cols, a, 2, lda, actual, OUT_OFF);
                assertSameBits(expected, actual, "sumRows " + rows + "x" + cols);
            }
        }
    }

    @Test
    void addRowVectorBroadcastsDownColumns() {
        for (int rows : new int[] {1, 3, 8}) {
            for (int cols : sizes()) {
                int ldc = cols + 3;
                float[] v = uniform(rng, cols + 2, -1, 1);
                float[] expected = uniform(rng, 4 + rows * ldc, -1, 1);
                float[] actual = expected.clone();
                scalar.addRowVector(rows, cols, v, 2, expected, 4, ldc);
                vector.addRowVector(rows, cols, v, 2, actual, 4, ldc);
                assertSameBits(expected, actual, "addRowVector " + rows + "x" + cols);
            }
        }
    }

    @Test
    void allFiniteFindsEveryNonFiniteValueWherever() {
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int n : sizes()) {
            // Non-finite values just outside the range must be ignored.
            float[] x = uniform(rng, n + 2, -1e30, 1e30);
            x[0] = Float.NaN;
            x[n + 1] = Float.POSITIVE_INFINITY;
            x[1] = Float.MAX_VALUE;
            assertTrue(vector.allFinite(n, x, 1), "allFinite n=" + n);
            int[] positions = n <= 64 ? java.util.stream.IntStream.range(0, n).toArray()
                    : new int[] {0, 1, n / 2, n - 17, n - 16, n - 2, n - 1};
            for (int p : positions) {
                for (float b : bad) {
                    float keep = x[1 + p];
                    x[1 + p] = b;
                    assertFalse(vector.allFinite(n, x, 1), "allFinite n=" + n + " with " + b + " at " + p);
                    assertEquals(scalar.allFinite(n, x, 1), vector.allFinite(n, x, 1));
                    x[1 + p] = keep;
                }
            }
        }
        assertTrue(vector.allFinite(0, new float[0], 0), "an empty range is all finite");
    }
}
