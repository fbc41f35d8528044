package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.kernel.ProductReference.Stored;

/** gemm of both kernel sets against EJML in double precision, for every transpose combination. */
class MatMulTest {
    /** 1, small primes, the lane counts of every width ±1, and sizes past the blocking. */
    private static final int[] SIZES = {1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 100, 129, 257};
    private static final float[] ALPHAS = {1f, 0f, -0.7f};
    private static final float[] BETAS = {0f, 1f, 1.3f};

    /** Runs one product with both kernel sets on fresh random operands and checks each against EJML. */
    private static void check(String transposes, int m, int n, int k, float alpha, float beta, SplittableRandom rng) {
        boolean transA = transposes.charAt(0) == 'T';
        check(transposes, m, n, k, alpha, beta, Math.max(1, transA ? m : k) + rng.nextInt(4), rng);
    }

    private static void check(String transposes, int m, int n, int k, float alpha, float beta, int lda,
                              SplittableRandom rng) {
        boolean transA = transposes.charAt(0) == 'T';
        boolean transB = transposes.charAt(1) == 'T';
        Stored a = transA ? Stored.random(k, m, lda, rng) : Stored.random(m, k, lda, rng);
        Stored b = transB ? Stored.random(n, k, rng) : Stored.random(k, n, rng);
        Stored c = Stored.random(m, n, rng);
        if (beta == 0f) c.fill(Float.NaN); // must be ignored
        for (MatMul mm : List.of(Kernels.scalar().matMul(), ProductReference.vector())) {
            float[] out = c.data().clone();
            mm.gemm(transA, transB, m, n, k, alpha, a.data(), a.off(), a.ld(), b.data(), b.off(), b.ld(),
                    beta, out, c.off(), c.ld());
            String what = mm.getClass().getSimpleName() + " gemm" + transposes + " " + m + "x" + k + " · " + k + "x"
                    + n + " alpha " + alpha + " beta " + beta;
            ProductReference.assertProduct(what, transA, transB, k, alpha, a, b, beta, c, out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NN", "NT", "TN", "TT"})
    void coveringShapesMatchEjml(String transposes) {
        // Two orthogonal Latin squares over SIZES (13 is prime): in each, every pair of sizes meets once in
        // (m, n), in (m, k) and in (n, k); together they give 338 shapes instead of the 2197 of the full cube.
        SplittableRandom rng = new SplittableRandom(transposes.hashCode());
        int s = SIZES.length;
        for (int square = 1; square <= 2; square++) {
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    int combo = (i * s + j + square) % 9;
                    check(transposes, SIZES[i], SIZES[j], SIZES[(i + square * j) % s], ALPHAS[combo / 3],
                            BETAS[combo % 3], rng);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NN", "NT", "TN", "TT"})
    void everyAlphaAndBetaOnEveryPath(String transposes) {
        SplittableRandom rng = new SplittableRandom(7 + transposes.hashCode());
        // A column, a row, a dot product, an outer product, few columns (A in place, with pair tiles at 512 bits
        // and wide tiles at 256), and the packed path (at 512 bits two pairs of panels, a whole and a partial one).
        // The last shape is one slice past KC and too wide to pack B whole, whatever the tuning chose.
        int wide = Math.max(167, VectorMatMul.DIRECT_MAX_B / (VectorMatMul.KC + 5) + 2 * GemmMicroKernel.NR + 7);
        int[][] shapes = {{37, 1, 29}, {1, 45, 23}, {1, 1, 50}, {19, 21, 1}, {100, 33, 64}, {150, 170, 300},
                {150, wide, VectorMatMul.KC + 5}};
        assertFalse(VectorMatMul.packsBWhole(wide, VectorMatMul.KC + 5));
        for (int[] mnk : shapes) {
            for (float alpha : ALPHAS) {
                for (float beta : BETAS) check(transposes, mnk[0], mnk[1], mnk[2], alpha, beta, rng);
            }
        }
    }

    /**
     * A packed product with a transposed A and C at least twice as tall as wide (a weight gradient over a
     * sequence) runs as Cᵀ = Bᵀ·A added into C transposed: every alpha and beta, a depth past KC, and edges.
     */
    @Test
    void tallTransposedProductsMatchEjml() {
        SplittableRandom rng = new SplittableRandom(99);
        int k = VectorMatMul.KC + 37;
        int n = VectorMatMul.DIRECT_MAX_B / k + GemmMicroKernel.NR + 3;
        int m = 2 * n + 5;
        assertEquals(VectorMatMul.Path.PACKED, VectorMatMul.path(true, false, m, n, k, 1f, m, n));
        for (float alpha : ALPHAS) {
            for (float beta : BETAS) check("TN", m, n, k, alpha, beta, rng);
        }
    }

    /**
     * An input gradient Wᵀ·Δ with more than one panel of columns, small enough to pack Δ whole, runs packed as
     * Δᵀ·W where the tuning says so ({@link VectorMatMul#swapsTransposedA}): 50 and 64 columns of an LSTM step at
     * H = 128 and 512, one column past a panel, and a product just short of twice as tall as wide, which stays.
     */
    @Test
    void inputGradientsWithSeveralPanelsMatchEjml() {
        SplittableRandom rng = new SplittableRandom(51);
        int nr = GemmMicroKernel.NR;
        assertFalse(VectorMatMul.swapsTransposedA(true, false, 576, nr), "one panel stays in place");
        assertFalse(VectorMatMul.swapsTransposedA(true, true, 576, 50), "only a plain B is swapped");
        // m, n, k, and whether the tuning's rule (when on) swaps the product.
        int[][] shapes = {{192, 50, 512, 1}, {576, 50, 2048, 1}, {192, 64, 512, 1}, {4 * nr, nr + 1, 300, 1},
                {2 * (nr + 1) - 1, nr + 1, 200, 0}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            boolean swapped = VectorMatMul.PACK_TRANSPOSED_A && s[3] == 1;
            String what = m + "x" + n + "x" + k;
            assertEquals(swapped, VectorMatMul.swapsTransposedA(true, false, m, n), what);
            if (swapped) {
                assertEquals(VectorMatMul.Path.PACKED, VectorMatMul.path(true, false, m, n, k, 1f, m, n), what);
            }
            for (float beta : BETAS) check("TN", m, n, k, beta == 1f ? 1f : -0.7f, beta, rng);
        }
    }

    @Test
    void randomShapesMatchEjml() {
        SplittableRandom rng = new SplittableRandom(2024);
        for (int t = 0; t < 30; t++) {
            String transposes = List.of("NN", "NT", "TN", "TT").get(rng.nextInt(4));
            check(transposes, rng.nextInt(1, 601), rng.nextInt(1, 601), rng.nextInt(1, 601),
                    ALPHAS[rng.nextInt(3)], BETAS[rng.nextInt(3)], rng);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NN", "NT", "TN", "TT"})
    void shapesAcrossEveryBlockBoundary(String transposes) {
        SplittableRandom rng = new SplittableRandom(11 + transposes.hashCode());
        int mr = GemmMicroKernel.MR;
        int nr = GemmMicroKernel.NR;
        int kc = VectorMatMul.KC;
        // Packed: several KC slices (beta must be applied once), several MC row blocks, several NC column blocks.
        int manySlices = 2 * kc + 5;
        int wide = VectorMatMul.DIRECT_MAX_B / manySlices + 2 * nr + 3;
        assertFalse(VectorMatMul.packsBWhole(wide, manySlices));
        check(transposes, VectorMatMul.MC + mr + 1, wide, manySlices, -0.7f, 1.3f, rng);
        assertFalse(VectorMatMul.packsBWhole(VectorMatMul.NC + nr + 3, kc + 1));
        check(transposes, 5, VectorMatMul.NC + nr + 3, kc + 1, 1f, 0f, rng);
        // Whole tiles (pairs of panels too) on a later slice, which adds to what the first slice stored.
        check(transposes, 2 * mr + 1, 2 * nr + 5, 2 * kc + 5, 1f, 0f, rng);
        // Either side of the switch from packing B whole (A in place) to the packed path.
        int k = VectorMatMul.DIRECT_MAX_B / (4 * nr);
        assertTrue(VectorMatMul.packsBWhole(4 * nr, k));
        assertFalse(VectorMatMul.packsBWhole(4 * nr + 1, k));
        check(transposes, 2 * mr + 1, 4 * nr, k, 1f, 1f, rng);
        check(transposes, 2 * mr + 1, 4 * nr + 1, k, 1f, 1f, rng);
        // A transposed A with a power-of-two lda is copied in panels rather than read in place (several panels
        // and a partial one here); a plain A with the same lda is still read in place.
        assertFalse(VectorMatMul.columnsStayInL2(200, 1024));
        assertTrue(VectorMatMul.columnsStayInL2(200, 1000));
        check(transposes, 2 * GemmPacking.PANEL + 5, 2 * nr + 3, 200, -0.7f, 1.3f, 1024, rng);
        check(transposes, 2 * GemmPacking.PANEL + 5, 2 * nr + 3, 200, 1f, 0f, 1000, rng);
    }

    /** Blocks are cut evenly: the fewest parts of at most the block size, whole units each, covering all. */
    @Test
    void blocksAreCutEvenly() {
        assertEquals(520, VectorMatMul.evenStep(1040, 1024, 1));
        assertEquals(544, VectorMatMul.evenStep(1040, 1024, 32));
        assertEquals(1024, VectorMatMul.evenStep(1024, 1024, 1));
        assertEquals(132, VectorMatMul.evenStep(1024, 144, 6));
        assertEquals(18, VectorMatMul.evenStep(17, 144, 6));
        for (int len = 1; len <= 3000; len++) {
            for (int[] mu : new int[][] {{1024, 1}, {1024, 8}, {1024, 32}, {144, 6}}) {
                int step = VectorMatMul.evenStep(len, mu[0], mu[1]);
                int parts = (len + mu[0] - 1) / mu[0];
                assertTrue(step <= mu[0] && step % mu[1] == 0, len + " " + step);
                assertTrue((long) step * parts >= len && (long) step * (parts - 1) < len, len + " " + step);
            }
        }
    }

    /**
     * A plain A whose rows are one KC slice long (lda = k ≤ KC) is read in place on the packed path rather than
     * copied: the result matches EJML and is, bit for bit, the product of the same matrix stored with a wider lda
     * (which is packed), over several row blocks with an edge tile, alpha/beta and an offset.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NN", "NT"})
    void packedPathReadsTightAInPlaceWithTheSameBits(String transposes) {
        SplittableRandom rng = new SplittableRandom(41 + transposes.hashCode());
        boolean transB = transposes.charAt(1) == 'T';
        int m = 2 * VectorMatMul.MC + GemmMicroKernel.MR + 4;
        int k = VectorMatMul.KC - 7;
        int n = VectorMatMul.DIRECT_MAX_B / k + GemmMicroKernel.NR + 5;
        assertEquals(VectorMatMul.Path.PACKED, VectorMatMul.path(false, transB, m, n, k, 1f, k, transB ? k : n));
        for (float[] ab : new float[][] {{1f, 0f}, {-0.7f, 1.3f}}) {
            check(transposes, m, n, k, ab[0], ab[1], k, rng);
            Stored tight = Stored.random(m, k, k, rng);
            Stored wide = new Stored(new float[1 + m * (k + 3)], 1, m, k, k + 3);
            for (int i = 0; i < m; i++) {
                System.arraycopy(tight.data(), tight.off() + i * k, wide.data(), 1 + i * (k + 3), k);
            }
            Stored b = transB ? Stored.random(n, k, rng) : Stored.random(k, n, rng);
            Stored c = Stored.random(m, n, rng);
            float[] inPlace = c.data().clone();
            float[] packed = c.data().clone();
            MatMul mm = ProductReference.vector();
            mm.gemm(false, transB, m, n, k, ab[0], tight.data(), tight.off(), k, b.data(), b.off(), b.ld(), ab[1],
                    inPlace, c.off(), c.ld());
            mm.gemm(false, transB, m, n, k, ab[0], wide.data(), 1, k + 3, b.data(), b.off(), b.ld(), ab[1],
                    packed, c.off(), c.ld());
            assertArrayEquals(packed, inPlace);
        }
    }

    /**
     * The products of an LSTM step take the paths built for them, at every width: the forward product and the
     * input gradient with 32 and 50 columns, the weight gradient, and a single column.
     */
    @Test
    void recurrentShapesTakeTheirPaths() {
        int l = VectorShapes.LANES;
        int h = 128, in = h + 64, gates = 4 * h;
        // Forward W·X: 50 columns are three-vector tiles plus dot products wherever 50 mod 3L ≤ 2.
        assertEquals(VectorMatMul.Path.DIRECT, VectorMatMul.path(false, false, gates, 32, in, 1f, in, 32));
        assertEquals(VectorMatMul.WIDE && 50 % (3 * l) <= VectorMatMul.DOT_COLUMNS ? VectorMatMul.Path.WIDE
                        : VectorMatMul.Path.DIRECT,
                VectorMatMul.path(false, false, gates, 50, in, 1f, in, 50));
        // Input gradient Wᵀ·Δ: at 50 columns packed as Δᵀ·W with 32 registers, else transposed tiles; at 32, one
        // panel of B wherever a vector holds 16 floats or more, the usual tiles.
        assertEquals(VectorMatMul.PACK_TRANSPOSED_A ? VectorMatMul.Path.PACKED : VectorMatMul.Path.TRANSPOSED,
                VectorMatMul.path(true, false, in, 50, gates, 1f, in, 50));
        assertEquals(VectorMatMul.PACK_TRANSPOSED_A && GemmMicroKernel.NR < 32 ? VectorMatMul.Path.PACKED
                : VectorMatMul.Path.DIRECT, VectorMatMul.path(true, false, in, 32, gates, 1f, in, 32));
        // Weight gradient Δ·Xᵀ over a batch, a single column, and alpha 0.
        assertEquals(VectorMatMul.Path.DIRECT, VectorMatMul.path(false, true, gates, in, 50, 1f, 50, 50));
        assertEquals(VectorMatMul.Path.COLUMN, VectorMatMul.path(false, false, gates, 1, in, 1f, in, 1));
        assertEquals(VectorMatMul.Path.SCALE, VectorMatMul.path(false, false, gates, 50, in, 0f, in, 50));
        assertEquals(VectorMatMul.Path.PACKED, VectorMatMul.path(false, false, 1024, 1024, 1024, 1f, 1024, 1024));
    }

    /**
     * A plain product whose columns are three-vector tiles plus one or two more (50 at 16 lanes) runs those last
     * columns as dot products: every row count around MR, depths with and without a tail past the last vector
     * (and shorter than one vector), every alpha and beta.
     */
    @Test
    void threeVectorTilesWithDotProductsMatchEjml() {
        Assumptions.assumeTrue(VectorMatMul.WIDE, "three-vector tiles are off with "
                + VectorMatMul.TUNING.registers() + " vector registers; the 256-bit test run turns them on");
        SplittableRandom rng = new SplittableRandom(48);
        int l = VectorShapes.LANES;
        int[] widths = {3 * l, 3 * l + 1, 3 * l + 2, 9 * l + 2};
        for (int n : widths) assertTrue(VectorMatMul.usesWideTiles(false, false, n), "n = " + n);
        assertFalse(VectorMatMul.usesWideTiles(false, false, 2 * GemmMicroKernel.NR));
        assertFalse(VectorMatMul.usesWideTiles(false, false, 3 * l + 3));
        assertFalse(VectorMatMul.usesWideTiles(true, false, 3 * l + 2));
        int[] depths = {1, l - 1, 3 * l, 3 * l + 5, 192};
        int t = 0;
        for (int n : widths) {
            for (int m : new int[] {2, 6, 13, 41}) {
                for (int k : depths) {
                    t++;
                    check("NN", m, n, k, ALPHAS[t % 3], BETAS[(t / 3) % 3], rng);
                }
            }
        }
    }

    /**
     * A transposed A with few columns is computed as Cᵀ = op(B)ᵀ·A, with tiles across C's columns: the sums
     * must be those of the usual tiles bit for bit, whatever the transposes, alpha and beta, and rows past the
     * last whole strip take the usual path. The first 32 columns of a 50-column product (transposed tiles)
     * are checked against a 32-column product over the same arrays (usual tiles, which waste no lanes there).
     */
    @Test
    void theTransposedDirectPathGivesTheUsualSumsBitForBit() {
        SplittableRandom rng = new SplittableRandom(50);
        int nr = GemmMicroKernel.NR;
        int m = 7 * nr + 5, k = 300, wide = 50, narrow = 32;
        for (boolean transB : new boolean[] {false, true}) {
            // With 32 registers a plain B is packed instead (the test run with 16 registers has both here).
            if (VectorMatMul.swapsTransposedA(true, transB, m, wide)) continue;
            int ldb = transB ? k : wide;
            assertTrue(VectorMatMul.transposesBetter(m, wide, k, m, transB, ldb));
            assertFalse(VectorMatMul.transposesBetter(m, narrow, k, m, transB, ldb));
            Stored a = Stored.random(k, m, rng);
            float[] b = KernelTesting.uniform(rng, k * wide, -1, 1);
            float[] c = KernelTesting.uniform(rng, m * wide, -1, 1);
            for (float alpha : new float[] {1f, -0.7f}) { // alpha 0 only scales C, on no path of tiles
                for (float beta : BETAS) {
                    float[] all = c.clone();
                    float[] part = c.clone();
                    MatMul vector = ProductReference.vector();
                    vector.gemm(true, transB, m, wide, k, alpha, a.data(), a.off(), a.ld(), b, 0, ldb, beta,
                            all, 0, wide);
                    vector.gemm(true, transB, m, narrow, k, alpha, a.data(), a.off(), a.ld(), b, 0, ldb, beta,
                            part, 0, wide);
                    String what = "gemmT" + (transB ? "T" : "N") + " alpha " + alpha + " beta " + beta;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < wide; j++) {
                            // Columns past the narrow product's keep their old values there.
                            boolean same = Float.floatToIntBits(all[i * wide + j]) == Float.floatToIntBits(part[i * wide + j]);
                            if (same != (j < narrow)) {
                                throw new AssertionError(what + ": row " + i + ", column " + j + " is " + all[i * wide + j]
                                        + " in the wide product and " + part[i * wide + j] + " in the narrow one");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void productsWithAPackedOperandMatchEjml() {
        // Depths up to and past KC, widths with pairs of panels (where the tuning has them) and a narrow last
        // panel, row counts that end in a partial tile; B packed as it is and transposed.
        SplittableRandom rng = new SplittableRandom(7);
        int kc = VectorMatMul.KC;
        for (int k : new int[] {1, 17, kc, kc + 1, 2 * kc + 3}) {
            for (int n : new int[] {1, 33, 100}) {
                // 19, 25 and 50 rows run five-row tiles where the tuning has them, 19 with an edge tile.
                for (int m : new int[] {1, 7, 19, 25, 50}) {
                    for (boolean transB : new boolean[] {false, true}) {
                        float beta = BETAS[(k + n + m) % 3];
                        Stored a = Stored.random(m, k, k + rng.nextInt(4), rng);
                        Stored b = transB ? Stored.random(n, k, rng) : Stored.random(k, n, rng);
                        Stored c = Stored.random(m, n, rng);
                        if (beta == 0f) c.fill(Float.NaN); // must be ignored
                        for (MatMul mm : List.of(Kernels.scalar().matMul(), ProductReference.vector())) {
                            float[] out = c.data().clone();
                            PackedB packed = mm.pack(transB, k, n, b.data(), b.off(), b.ld(), null);
                            mm.gemm(m, a.data(), a.off(), a.ld(), packed, beta, out, c.off(), c.ld());
                            String what = mm.getClass().getSimpleName() + " packed " + m + "x" + k + " · " + k + "x"
                                    + n + (transB ? " (B transposed)" : "") + " beta " + beta;
                            ProductReference.assertProduct(what, false, transB, k, 1f, a, b, beta, c, out);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aPackedOperandGivesEveryRowTheSameBitsWhateverRowsShareTheCall() {
        SplittableRandom rng = new SplittableRandom(11);
        int m = 50, n = 70, k = 2 * VectorMatMul.KC + 9;
        Stored a = Stored.random(m, k, rng);
        Stored b = Stored.random(k, n, rng);
        MatMul mm = ProductReference.vector();
        PackedB packed = mm.pack(false, k, n, b.data(), b.off(), b.ld(), null);
        float[] whole = new float[m * n];
        mm.gemm(m, a.data(), a.off(), a.ld(), packed, 0f, whole, 0, n);
        float[] parts = new float[m * n];
        for (int first = 0; first < m; first += 13) {
            int rows = Math.min(13, m - first);
            mm.gemm(rows, a.data(), a.off() + first * a.ld(), a.ld(), packed, 0f, parts, first * n, n);
        }
        assertArrayEquals(whole, parts);
    }

    @Test
    void emptyInnerDimensionScalesC() {
        SplittableRandom rng = new SplittableRandom(5);
        for (float beta : BETAS) check("NN", 7, 9, 0, 1f, beta, rng);
        for (float beta : BETAS) check("TT", 33, 1, 0, -0.7f, beta, rng);
    }

    @Test
    void emptyResultWritesNothing() {
        float[] c = {1f, 2f, 3f};
        for (MatMul mm : List.of(Kernels.scalar().matMul(), ProductReference.vector())) {
            mm.gemm(false, false, 0, 3, 4, 1f, new float[0], 0, 4, new float[12], 0, 3, 0f, c, 0, 3);
            mm.gemm(false, false, 1, 0, 4, 1f, new float[4], 0, 4, new float[0], 0, 1, 0f, c, 0, 1);
            assertEquals(List.of(1f, 2f, 3f), List.of(c[0], c[1], c[2]));
        }
    }

    @Test
    void theBoundCatchesADroppedTermAndAWrongSign() {
        SplittableRandom rng = new SplittableRandom(3);
        int m = 33, n = 17, k = 257;
        Stored a = Stored.random(m, k, rng);
        Stored b = Stored.random(k, n, rng);
        Stored c = Stored.random(m, n, rng);
        MatMul vector = ProductReference.vector();
        Stored dropped = a.copy();
        dropped.set(4, 100, 0f);
        Stored negated = a.copy();
        negated.set(4, 100, -a.get(4, 100));
        for (Stored wrong : List.of(dropped, negated)) {
            float[] out = c.data().clone();
            vector.gemm(false, false, m, n, k, 1f, wrong.data(), wrong.off(), wrong.ld(), b.data(), b.off(), b.ld(),
                    1f, out, c.off(), c.ld());
            assertThrows(AssertionError.class,
                    () -> ProductReference.assertProduct("wrong", false, false, k, 1f, a, b, 1f, c, out));
        }
    }

    @Test
    void concurrentProductsAgreeWithSequentialOnes() throws Exception {
        MatMul vector = ProductReference.vector();
        SplittableRandom rng = new SplittableRandom(9);
        int[][] shapes = {{300, 280, 270}, {64, 40, 192}, {80, 1, 25}, {7, 300, 300}};
        List<float[][]> cases = new ArrayList<>();
        for (int[] s : shapes) {
            float[][] abc = {uniform(s[0] * s[2], rng), uniform(s[2] * s[1], rng), new float[s[0] * s[1]]};
            vector.gemm(false, false, s[0], s[1], s[2], 1f, abc[0], 0, s[2], abc[1], 0, s[1], 0f, abc[2], 0, s[1]);
            cases.add(abc);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int rep = 0; rep < 8; rep++) {
                        int i = (first + rep) % shapes.length;
                        int[] s = shapes[i];
                        float[][] abc = cases.get(i);
                        float[] c = new float[s[0] * s[1]];
                        vector.gemm(false, false, s[0], s[1], s[2], 1f, abc[0], 0, s[2], abc[1], 0, s[1], 0f,
                                c, 0, s[1]);
                        for (int p = 0; p < c.length; p++) {
                            if (Float.compare(c[p], abc[2][p]) != 0) throw new AssertionError("shape " + i + " at " + p);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
        }
    }

    @Test
    void vectorKernelsRunAtTheForcedWidth() {
        assertInstanceOf(VectorMatMul.class, ProductReference.vector());
        Integer forced = Integer.getInteger(Kernels.VECTOR_BITS_PROPERTY);
        int preferred = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (forced != null) assertEquals(Math.min(forced, preferred), Kernels.vector().vectorBits());
    }

    private static float[] uniform(int length, SplittableRandom rng) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float) (2 * rng.nextDouble() - 1);
        return x;
    }
}
