package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Matrix-vector products whose rows start their vector loops on a vector boundary give the same bits as those
 * starting at column 0, at every start, for every shape, offset and special value; and the start is read from
 * the array's address when native access is on, as Surefire runs the tests.
 */
class GemvAlignmentTest {
    private static final int L = VectorShapes.LANES;
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {-0.7f, 1f}, {1.5f, -1.3f}};

    /**
     * A with m rows lda apart from aOff, and {@code slack} elements after the last row. The elements outside the
     * rows are large, so that one counted by mistake shows.
     */
    private static float[] matrix(SplittableRandom rng, int m, int n, int aOff, int lda, int slack) {
        float[] a = new float[aOff + (m - 1) * lda + n + slack];
        java.util.Arrays.fill(a, 1000f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) a[aOff + i * lda + j] = (float) (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @Test
    void dotProductsGiveTheSameBitsFromEveryStart() {
        KernelTesting.vector();
        SplittableRandom rng = new SplittableRandom(71);
        int combo = 0;
        for (int vectors : new int[] {1, 2, 3, 12}) {
            int n = vectors * L;
            for (int m : new int[] {1, 2, 7, 8, 9, 17, 33}) {
                for (int aOff : new int[] {0, 1, L - 1, L, 3 * L + 2}) {
                    for (int lda : new int[] {n, n + L}) {
                        int slack = combo % 3 == 0 ? 0 : L;
                        int incy = combo % 4 == 3 ? 3 : 1;
                        float[] ab = ALPHA_BETA[combo++ % ALPHA_BETA.length];
                        float[] a = matrix(rng, m, n, aOff, lda, slack);
                        float[] x = KernelTesting.uniform(rng, n + 2, -1, 1);
                        float[] y0 = KernelTesting.uniform(rng, m * incy + 1, -1, 1);
                        if (ab[1] == 0f) java.util.Arrays.fill(y0, Float.NaN); // must be ignored
                        float[] expected = y0.clone();
                        GemvKernel.dotRowsFromStart(m, n, ab[0], a, aOff, lda, x, 2, ab[1], expected, 1, incy);
                        for (int shift = 1; shift < L; shift++) {
                            float[] got = y0.clone();
                            GemvKernel.dotRowsShifted(m, n, ab[0], a, aOff, lda, x, 2, ab[1], got, 1, incy, shift);
                            KernelTesting.assertSameBits(expected, got, "dot products " + m + "x" + n + " lda " + lda
                                    + " from " + aOff + " incy " + incy + ", start " + shift);
                        }
                    }
                }
            }
        }
    }

    /** Zeros of both signs, infinities and NaN inside the rows give what the unshifted loop gives. */
    @Test
    void specialValuesInsideTheRowsGiveTheSameBits() {
        KernelTesting.vector();
        SplittableRandom rng = new SplittableRandom(72);
        int m = 20, n = 3 * L, lda = n;
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE};
        for (float special : specials) {
            float[] a = matrix(rng, m, n, 0, lda, 0);
            for (int i = 0; i < m; i += 3) a[i * lda + rng.nextInt(n)] = special;
            java.util.Arrays.fill(a, 5 * lda, 6 * lda, -0f); // a row of negative zeros sums to +0
            float[] x = KernelTesting.uniform(rng, n, -1, 1);
            if (Float.isFinite(special)) x[rng.nextInt(n)] = special; // else every row would be NaN
            float[] expected = new float[m];
            GemvKernel.dotRowsFromStart(m, n, 1f, a, 0, lda, x, 0, 0f, expected, 0, 1);
            for (int shift = 1; shift < L; shift++) {
                float[] got = new float[m];
                GemvKernel.dotRowsShifted(m, n, 1f, a, 0, lda, x, 0, 0f, got, 0, 1, shift);
                KernelTesting.assertSameBits(expected, got, "special value " + special + ", start " + shift);
            }
        }
    }

    /**
     * The lanes a shifted start reads beyond a row meet zeros of x; NaN or infinity there (between rows, before
     * the first, after the last) must not reach a result.
     */
    @Test
    void nonFiniteValuesBesideTheRowsDoNotLeakIn() {
        KernelTesting.vector();
        SplittableRandom rng = new SplittableRandom(73);
        int m = 19, n = 2 * L, lda = n + L, aOff = L;
        for (float outside : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] a = matrix(rng, m, n, aOff, lda, L);
            for (int i = 0; i < a.length; i++) {
                int col = (i - aOff) % lda;
                if (i < aOff || i >= aOff + (m - 1) * lda + n || col >= n) a[i] = outside;
            }
            float[] x = KernelTesting.uniform(rng, n, -1, 1);
            float[] expected = new float[m];
            GemvKernel.dotRowsFromStart(m, n, 1f, a, aOff, lda, x, 0, 0f, expected, 0, 1);
            for (float e : expected) assertTrue(Float.isFinite(e), "reference not finite");
            for (int shift = 1; shift < L; shift++) {
                float[] got = new float[m];
                GemvKernel.dotRowsShifted(m, n, 1f, a, aOff, lda, x, 0, 0f, got, 0, 1, shift);
                KernelTesting.assertSameBits(expected, got, outside + " beside the rows, start " + shift);
            }
        }
    }

    @Test
    void axpyUpdatesGiveTheSameBitsFromEveryStart() {
        KernelTesting.vector();
        SplittableRandom rng = new SplittableRandom(74);
        int combo = 0;
        for (int n : new int[] {L, L + 1, 2 * L - 1, 2 * L, 3 * L + 5, 12 * L + 3}) {
            for (int m : new int[] {1, 7, 8, 9, 16, 17, 33}) {
                for (int incx : new int[] {1, 2}) {
                    int aOff = combo % 3, lda = n + combo % 5;
                    float[] ab = ALPHA_BETA[combo++ % ALPHA_BETA.length];
                    float[] a = matrix(rng, m, n, aOff, lda, 0);
                    float[] x = KernelTesting.uniform(rng, 1 + m * incx, -1, 1);
                    x[1 + rng.nextInt(m) * incx] = -0f;
                    float[] y0 = KernelTesting.uniform(rng, n + 2, -1, 1);
                    if (ab[1] == 0f) java.util.Arrays.fill(y0, Float.NaN); // must be ignored
                    y0[0] = 42f; // before y: must stay
                    float[] expected = y0.clone();
                    GemvKernel.axpyRows(m, n, ab[0], a, aOff, lda, x, 1, incx, ab[1], expected, 1, 0);
                    for (int shift = 1; shift < L; shift++) {
                        float[] got = y0.clone();
                        GemvKernel.axpyRows(m, n, ab[0], a, aOff, lda, x, 1, incx, ab[1], got, 1, shift);
                        KernelTesting.assertSameBits(expected, got, "axpy " + m + "x" + n + " lda " + lda + " incx "
                                + incx + ", start " + shift);
                    }
                }
            }
        }
    }

    @Test
    void addressesAreReadUnderNativeAccess() {
        assertTrue(HeapAlignment.available(), "Surefire runs with --enable-native-access=ALL-UNNAMED");
        if (Kernels.vectorAvailable()) assertTrue(Kernels.vector().alignedLoads());
        float[] a = new float[1000];
        int s0 = HeapAlignment.shift(a, 0, L);
        assertTrue(s0 >= 0 && s0 < L, "shift " + s0);
        // Each step along the array is one element nearer the next boundary (addresses do not move in between
        // unless the collector runs, so allow one retry).
        for (int attempt = 0; ; attempt++) {
            s0 = HeapAlignment.shift(a, 0, L);
            boolean consistent = true;
            for (int off = 1; off < 3 * L; off++) {
                consistent &= HeapAlignment.shift(a, off, L) == Math.floorMod(s0 - off, L);
            }
            if (consistent) break;
            assertTrue(attempt < 1, "shift(a, off) is not shift(a, 0) − off modulo the lanes");
        }
    }

    @Test
    void onlyProductsThatGainStartOnABoundary() {
        float[] a = new float[1 << 20];
        int aligned = HeapAlignment.shift(a, 0, L);
        int big = 1 << 16;
        // Dot products: whole vectors, rows of at least 12 vectors, lda a multiple of the lanes, 16,384 elements.
        assertEquals(aligned, GemvKernel.alignedStart(big / (16 * L), 16 * L, a, 0, 16 * L, true));
        assertEquals(0, GemvKernel.alignedStart(big / (16 * L), 16 * L + 1, a, 0, 16 * L + 1, true));
        assertEquals(0, GemvKernel.alignedStart(big / (16 * L), 16 * L, a, 0, 16 * L + 1, true));
        assertEquals(0, GemvKernel.alignedStart(big / (8 * L), 8 * L, a, 0, 8 * L, true));
        assertEquals(0, GemvKernel.alignedStart(8, 16 * L, a, 0, 16 * L, true));
        // Axpy updates: any n of at least two vectors, 8,192 elements.
        assertEquals(Math.floorMod(aligned - 3, L),
                GemvKernel.alignedStart(big / (2 * L + 1), 2 * L + 1, a, 3, 3 * L, false));
        assertEquals(0, GemvKernel.alignedStart(big, L, a, 0, L, false));
        assertEquals(0, GemvKernel.alignedStart(2, 2 * L, a, 0, 2 * L, false));
    }
}
