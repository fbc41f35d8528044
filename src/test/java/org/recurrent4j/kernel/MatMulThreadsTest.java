package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recurrent4j.kernel.ProductReference.Stored;

/** Vector gemm split across the kernel threads: against EJML, and bit for bit against one thread. */
class MatMulThreadsTest {
    /**
     * Each over the split threshold: the direct path (small B) with a transposed A copied in panels (lda a power
     * of two) and with a partial last band; the packed path with several row blocks, with several KC slices (beta
     * applied once), with two NC blocks, and with few rows (bands narrower than MC, uneven at 3 threads); 50 columns
     * with a transposed A take the transposed direct path (strips of rows split, a partial strip left over); the
     * last, too wide to pack B whole and over twice as tall as wide, is with a transposed A a weight gradient
     * computed as Cᵀ and added into C transposed, that sum split too (uneven rows and columns at the edges).
     */
    private static final int SWAPPED_N = VectorMatMul.DIRECT_MAX_B / 600 + GemmMicroKernel.NR + 5;
    private static final int[][] SHAPES = {{1000, 40, 512}, {700, 64, 400}, {150, 520, 260}, {20, 800, 1100},
        {40, 1100, 400}, {17, 1100, 900}, {1000, 50, 300}, {2 * SWAPPED_N + 37, SWAPPED_N, 600}};

    private int saved;

    @BeforeEach
    void save() {
        saved = KernelThreads.get();
    }

    @AfterEach
    void restore() {
        KernelThreads.set(saved);
    }

    @Test
    void threeThreadsMatchEjmlAndOneAndTwoThreadsBitForBit() {
        MatMul vector = ProductReference.vector();
        SplittableRandom rng = new SplittableRandom(31);
        for (String t : List.of("NN", "NT", "TN", "TT")) {
            boolean transA = t.charAt(0) == 'T';
            boolean transB = t.charAt(1) == 'T';
            for (int[] s : SHAPES) {
                int m = s[0], n = s[1], k = s[2];
                assertTrue((long) m * n * k >= VectorMatMul.PARALLEL_MIN_MULADDS);
                if (n == SWAPPED_N) {
                    assertEquals(VectorMatMul.Path.PACKED, VectorMatMul.path(transA, transB, m, n, k, 1f, m, k));
                }
                int lda = s == SHAPES[0] && transA ? 1024 : (transA ? m : k) + rng.nextInt(4);
                Stored a = transA ? Stored.random(k, m, lda, rng) : Stored.random(m, k, lda, rng);
                Stored b = transB ? Stored.random(n, k, rng) : Stored.random(k, n, rng);
                Stored c = Stored.random(m, n, rng);
                // Against EJML on 3 threads (an uneven split); 1 and 2 threads must then give the same bits.
                float[] three = null;
                for (int threads = 3; threads >= 1; threads--) {
                    KernelThreads.set(threads);
                    float[] out = c.data().clone();
                    vector.gemm(transA, transB, m, n, k, -0.7f, a.data(), a.off(), a.ld(), b.data(), b.off(), b.ld(),
                            1.3f, out, c.off(), c.ld());
                    String what = "gemm" + t + " " + m + "x" + k + " · " + k + "x" + n + " on " + threads + " threads";
                    if (three == null) {
                        ProductReference.assertProduct(what, transA, transB, k, -0.7f, a, b, 1.3f, c, out);
                        three = out;
                    } else {
                        KernelTesting.assertSameBits(three, out, what);
                    }
                }
            }
        }
    }

    @Test
    void applicationThreadsShareThePoolAndGetTheirOwnResults() throws Exception {
        KernelThreads.set(2);
        MatMul vector = ProductReference.vector();
        SplittableRandom rng = new SplittableRandom(13);
        List<float[][]> cases = new ArrayList<>();
        for (int[] s : SHAPES) {
            float[][] abc = {KernelTesting.uniform(rng, s[0] * s[2], -1, 1), KernelTesting.uniform(rng, s[2] * s[1], -1, 1),
                null};
            abc[2] = product(vector, s, abc);
            cases.add(abc);
        }
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                futures.add(callers.submit(() -> {
                    for (int rep = 0; rep < 6; rep++) {
                        int i = (first + rep) % SHAPES.length;
                        KernelTesting.assertSameBits(cases.get(i)[2], product(vector, SHAPES[i], cases.get(i)),
                                "caller " + first + ", shape " + i);
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
        }
    }

    @Test
    void smallProductsStayOnTheCallerAndLargeOnesSplitEvenly() {
        KernelThreads.set(2);
        assertEquals(512, VectorMatMul.bandRows(512, 50, 192)); // a recurrent step, 5 M multiply-adds: too small
        int band = VectorMatMul.bandRows(1024, 1024, 1024);
        assertEquals(0, band % GemmMicroKernel.MR, "bands are whole tiles");
        assertTrue(band <= VectorMatMul.MC + GemmMicroKernel.MR, "about MC rows a band: " + band);
        assertEquals(0, ((1024 + band - 1) / band) % 2, "each thread gets as many bands: " + band);
        KernelThreads.set(1);
        assertEquals(1024, VectorMatMul.bandRows(1024, 1024, 1024));
    }

    @Test
    void aPartThatFailsFailsTheCallerAfterTheOthersFinish() {
        KernelThreads.set(3);
        int[] ran = new int[5];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelThreads.run(5, part -> {
            ran[part]++;
            if (part == 2) throw new IllegalStateException("part 2");
        }));
        assertEquals("part 2", e.getMessage());
        assertEquals(List.of(1, 1, 1, 1, 1), List.of(ran[0], ran[1], ran[2], ran[3], ran[4]));
    }

    @Test
    void theThreadCountMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> KernelThreads.set(0));
    }

    /** C = A·B for dense row-major A and B of the shape m, n, k. */
    private static float[] product(MatMul vector, int[] s, float[][] abc) {
        int m = s[0], n = s[1], k = s[2];
        float[] c = new float[m * n];
        vector.gemm(false, false, m, n, k, 1f, abc[0], 0, k, abc[1], 0, n, 0f, c, 0, n);
        return c;
    }
}
