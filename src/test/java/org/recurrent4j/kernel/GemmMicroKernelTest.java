package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole-tile kernels, which store straight to C, against the general tile through its spill tile (the pair
 * tile against two whole tiles): the same sums bit for bit, so that a product's result never depends on which
 * kernel a tile took. And the layout of packed op(B) panels, element by element.
 */
class GemmMicroKernelTest {

    @ParameterizedTest(name = "k = {0}, beta = {1}")
    @CsvSource({"1, 0", "1, 1", "7, 0", "33, 1", "300, 0", "300, 1"})
    void wholeTilesSumAsTheGeneralTile(int k, float beta) {
        KernelTesting.vector();
        int mr = GemmMicroKernel.MR;
        int nr = GemmMicroKernel.NR;
        SplittableRandom rng = new SplittableRandom(k * 31L + (long) beta);
        int rs = k + 3; // rows of A in place, apart by more than k
        float[] a = KernelTesting.uniform(rng, 5 + mr * rs, -1, 1);
        float[] b = KernelTesting.uniform(rng, 2 + k * nr, -1, 1);
        int ldc = nr + 5;
        float[] c0 = KernelTesting.uniform(rng, 4 + mr * ldc, -1, 1);

        float[] general = c0.clone();
        GemmMicroKernel.tile(k, a, 5, rs, 1, b, 2, general, 4, ldc, mr, nr, 1f, beta, new float[mr * nr]);
        float[] contiguous = c0.clone();
        GemmMicroKernel.tileWholeContiguous(k, a, 5, rs, b, 2, contiguous, 4, ldc, beta == 1f);
        float[] strided = c0.clone();
        GemmMicroKernel.tileWhole(k, a, 5, rs, 1, b, 2, strided, 4, ldc, beta == 1f);

        assertArrayEquals(general, contiguous, "tileWholeContiguous");
        assertArrayEquals(general, strided, "tileWhole");
    }

    @ParameterizedTest(name = "k = {0}, beta = {1}")
    @CsvSource({"1, 0", "33, 1", "300, 0"})
    void wholeTransposedTilesSumAsTheGeneralTile(int k, float beta) {
        KernelTesting.vector();
        int mr = GemmMicroKernel.MR;
        int nr = GemmMicroKernel.NR;
        SplittableRandom rng = new SplittableRandom(k * 17L + (long) beta);
        int ps = mr + 2; // a transposed A in place: op(A)(r, p) at r + p·ps
        float[] a = KernelTesting.uniform(rng, 3 + k * ps, -1, 1);
        float[] b = KernelTesting.uniform(rng, k * nr, -1, 1);
        int ldc = nr;
        float[] c0 = KernelTesting.uniform(rng, mr * ldc, -1, 1);

        float[] general = c0.clone();
        GemmMicroKernel.tile(k, a, 3, 1, ps, b, 0, general, 0, ldc, mr, nr, 1f, beta, new float[mr * nr]);
        float[] whole = c0.clone();
        GemmMicroKernel.tileWhole(k, a, 3, 1, ps, b, 0, whole, 0, ldc, beta == 1f);

        assertArrayEquals(general, whole);
    }

    @ParameterizedTest(name = "k = {0}, beta = {1}")
    @CsvSource({"1, 0", "1, 1", "7, 0", "33, 1", "300, 0", "300, 1"})
    void pairTilesSumAsTwoTiles(int k, float beta) {
        KernelTesting.vector();
        int mr = GemmMicroKernel.MR;
        int nr = GemmMicroKernel.NR;
        SplittableRandom rng = new SplittableRandom(k * 43L + (long) beta);
        int rs = k + 1;
        float[] a = KernelTesting.uniform(rng, 2 + mr * rs, -1, 1);
        int second = 3 + k * nr + 9; // the second panel need not follow the first
        float[] b = KernelTesting.uniform(rng, second + k * nr, -1, 1);
        int ldc = 2 * nr + 3;
        float[] c0 = KernelTesting.uniform(rng, 1 + mr * ldc, -1, 1);

        float[] two = c0.clone();
        GemmMicroKernel.tileWholeContiguous(k, a, 2, rs, b, 3, two, 1, ldc, beta == 1f);
        GemmMicroKernel.tileWholeContiguous(k, a, 2, rs, b, second, two, 1 + nr, ldc, beta == 1f);
        float[] pair = c0.clone();
        GemmMicroKernel.tileWholePair(k, a, 2, rs, b, 3, second, pair, 1, ldc, beta == 1f);

        assertArrayEquals(two, pair);
    }

    @ParameterizedTest(name = "transB = {0}, kc = {1}, nc = {2}, ldb ≥ {3}")
    @CsvSource({"false, 1, 1, 0", "false, 7, 64, 0", "false, 9, 70, 0", "false, 17, 100, 0", "false, 64, 31, 0",
            "false, 19, 70, 1024", "false, 8, 96, 1030", "false, 1, 32, 1024", "true, 9, 70, 0", "true, 40, 33, 0"})
    void packedPanelsHoldOpBInPanelOrder(boolean transB, int kc, int nc, int minLdb) {
        KernelTesting.vector();
        int nr = GemmMicroKernel.NR;
        int p0 = 3, j0 = 5, bOff = 2;
        int rowsB = transB ? j0 + nc : p0 + kc, colsB = transB ? p0 + kc : j0 + nc;
        int ldb = Math.max(colsB + 4, minLdb); // from a page apart, B is copied by blocks of rows
        float[] b = KernelTesting.uniform(new SplittableRandom(kc * 101L + nc), bOff + rowsB * ldb, -1, 1);
        int panels = (nc + nr - 1) / nr;
        float[] packed = new float[panels * nr * kc];
        java.util.Arrays.fill(packed, Float.NaN);

        GemmPacking.packB(transB, b, bOff, ldb, p0, kc, j0, nc, packed);

        for (int p = 0; p < kc; p++) {
            for (int j = 0; j < panels * nr; j++) {
                float expected = j >= nc ? 0f
                        : transB ? b[bOff + (j0 + j) * ldb + p0 + p] : b[bOff + (p0 + p) * ldb + j0 + j];
                int at = (j / nr) * nr * kc + p * nr + j % nr;
                org.junit.jupiter.api.Assertions.assertEquals(expected, packed[at], "p = " + p + ", j = " + j);
            }
        }
    }
}
