package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent4j.kernel.KernelTesting.assertSameBits;
import static org.recurrent4j.kernel.KernelTesting.uniform;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Element-wise passes and optimizer updates over at least {@link KernelThreads#PARALLEL_MIN_ELEMENTS} floats are
 * split across the kernel threads: every element must come out as on one thread, bit for bit, with both kernel
 * sets, at an uneven split (3 threads) and with a length that is not a multiple of the split's unit.
 */
class ElementWiseThreadsTest {
    private static final int N = KernelThreads.PARALLEL_MIN_ELEMENTS + 3 * KernelThreads.ELEMENT_UNIT + 5;
    private static final int COLS = 1000 + 37, ROWS = N / COLS + 1;

    private int saved;

    @BeforeEach
    void save() {
        saved = KernelThreads.get();
    }

    @AfterEach
    void restore() {
        KernelThreads.set(saved);
    }

    private static List<Kernels> kernelSets() {
        List<Kernels> sets = new ArrayList<>(List.of(Kernels.scalar()));
        if (Kernels.vectorAvailable()) sets.add(Kernels.vector());
        return sets;
    }

    /** Runs op on copies of the same four arrays at 1 and 3 threads; every array must end with the same bits. */
    private static void sameOnOneAndThreeThreads(String what, Consumer<float[][]> op) {
        SplittableRandom rng = new SplittableRandom(what.hashCode());
        float[][] data = new float[4][];
        // The last two arrays are an optimizer's state, which is never negative.
        for (int i = 0; i < data.length; i++) {
            data[i] = uniform(rng, 7 + ROWS * COLS + 9, i < 2 ? -8 : 0, i < 2 ? 8 : 0.1);
        }
        float[][] one = copy(data), three = copy(data);
        KernelThreads.set(1);
        op.accept(one);
        KernelThreads.set(3);
        op.accept(three);
        for (int i = 0; i < data.length; i++) assertSameBits(one[i], three[i], what + ", array " + i);
    }

    private static float[][] copy(float[][] data) {
        float[][] c = new float[data.length][];
        for (int i = 0; i < data.length; i++) c[i] = data[i].clone();
        return c;
    }

    @Test
    void largePassesGiveTheSameBitsOnOneThreadAndOnSeveral() {
        for (Kernels k : kernelSets()) {
            ElementWise e = k.elementWise();
            String set = k.implementation() + " ";
            sameOnOneAndThreeThreads(set + "add", d -> e.add(N, d[0], 3, d[1], 5, d[2], 1));
            sameOnOneAndThreeThreads(set + "sub", d -> e.sub(N, d[0], 3, d[1], 5, d[2], 1));
            sameOnOneAndThreeThreads(set + "mul", d -> e.mul(N, d[0], 3, d[1], 5, d[2], 1));
            sameOnOneAndThreeThreads(set + "mulAdd", d -> e.mulAdd(N, d[0], 3, d[1], 5, d[2], 1));
            sameOnOneAndThreeThreads(set + "add in place", d -> e.add(N, d[0], 3, d[1], 5, d[0], 3));
            sameOnOneAndThreeThreads(set + "axpy", d -> e.axpy(N, -0.37f, d[0], 3, d[1], 5));
            sameOnOneAndThreeThreads(set + "scale", d -> e.scale(N, 1.7f, d[0], 3));
            sameOnOneAndThreeThreads(set + "fill", d -> e.fill(N, 0.25f, d[0], 3));
            sameOnOneAndThreeThreads(set + "addRowVector", d -> e.addRowVector(ROWS, COLS - 3, d[0], 2, d[1], 4,
                    COLS));
            sameOnOneAndThreeThreads(set + "sumRows", d -> e.sumRows(ROWS, COLS - 3, d[0], 4, COLS, d[1], 2));
            Updates u = k.updates();
            sameOnOneAndThreeThreads(set + "rmsprop", d -> assertClipped(N, u.rmsprop(N, d[0], 3, d[1], 2, d[2],
                    1, 0.01f, 1e-3f, 5f, 0.999f, 1e-8f)));
            sameOnOneAndThreeThreads(set + "adam", d -> assertClipped(N, u.adam(N, d[0], 3, d[1], 2, d[2], 1, d[3],
                    4, 0.01f, 1e-3f, 5f, 0.9f, 0.999f, 1e-8f, 2)));
            sameOnOneAndThreeThreads(set + "sgd", d -> assertClipped(N, u.sgd(N, d[0], 3, d[1], 2, 0.01f, 1e-3f,
                    5f)));
        }
    }

    /** Gradients uniform in [−8, 8] against a clip of 5: about three in eight are clipped, counted across parts. */
    private static void assertClipped(int n, int clipped) {
        assertTrue(Math.abs(clipped - 0.375 * n) < 0.01 * n, clipped + " of " + n + " clipped");
    }

    @Test
    void rangesCoverEveryIndexOnceInWholeUnits() {
        KernelThreads.set(3);
        int n = 10 * 64 + 5;
        int[] seen = new int[n];
        List<int[]> parts = new ArrayList<>();
        KernelThreads.runRanges(n, 64, (from, to) -> {
            synchronized (parts) {
                parts.add(new int[] {from, to});
            }
            for (int i = from; i < to; i++) seen[i]++;
        });
        for (int i = 0; i < n; i++) assertEquals(1, seen[i], "index " + i);
        assertEquals(3, parts.size(), "one part a thread");
        for (int[] p : parts) {
            assertEquals(0, p[0] % 64, "parts start on a unit");
            assertTrue(p[1] == n || (p[1] - p[0]) % 64 == 0, "only the last part is not whole units");
        }
    }

    @Test
    void smallPassesAndOneThreadStayOnTheCaller() {
        KernelThreads.set(2);
        assertTrue(KernelThreads.splits(KernelThreads.PARALLEL_MIN_ELEMENTS));
        assertFalse(KernelThreads.splits(KernelThreads.PARALLEL_MIN_ELEMENTS - 1));
        KernelThreads.set(1);
        assertFalse(KernelThreads.splits(Integer.MAX_VALUE));
    }
}
