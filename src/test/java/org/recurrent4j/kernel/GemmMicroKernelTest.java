package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole-tile kernels, which store straight to C, against the general tile through its spill tile: the same
 * sums bit for bit, so that a product's result never depends on which kernel a tile took.
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
}
