package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The time loops: the vector set agrees with the scalar twin to float rounding on every layer kind, forward and
 * backward; a batch split across threads gives the same bits; bad buffers are refused at the entry.
 */
class RecurrenceTest {
    private static final int STEPS = 5, BATCH = 13, H = 11;

    @Test
    void lstmVectorAgreesWithScalar() {
        float[][] v = lstm(KernelTesting.vector()), s = lstm(Kernels.scalar());
        for (int i = 0; i < v.length; i++) close(s[i], v[i], "lstm output " + i);
    }

    @Test
    void gruAndRnnVectorAgreeWithScalar() {
        float[][] v = gru(KernelTesting.vector()), s = gru(Kernels.scalar());
        for (int i = 0; i < v.length; i++) close(s[i], v[i], "gru output " + i);
        for (boolean relu : new boolean[] {true, false}) {
            float[][] rv = rnn(KernelTesting.vector(), relu), rs = rnn(Kernels.scalar(), relu);
            for (int i = 0; i < rv.length; i++) close(rs[i], rv[i], "rnn output " + i + (relu ? " relu" : " tanh"));
        }
    }

    @Test
    void aSplitBatchGivesTheSameBits() {
        Kernels k = KernelTesting.vector();
        int before = KernelThreads.get();
        try {
            KernelThreads.set(1);
            float[][] one = lstm(k);
            KernelThreads.set(2);
            float[][] two = lstm(k);
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "output " + i);
        } finally {
            KernelThreads.set(before);
        }
    }

    @Test
    void twoThreadsSplitABatchAtTheProductsTiles() {
        MatMul vector = KernelTesting.vector().matMul();
        int before = KernelThreads.get();
        try {
            KernelThreads.set(2);
            // Five-row tiles: 25 rows each; six-row tiles: 30 and 20, whole tiles for the first thread.
            int expected = VectorMatMul.TUNING.fiveRowTiles() ? 25 : 30;
            assertEquals(expected, Recurrence.rowsPerPart(vector, 50));
            assertEquals(30, Recurrence.rowsPerPart(Kernels.scalar().matMul(), 50));
            assertEquals(18, Recurrence.rowsPerPart(vector, 32), "sixes fit 16 rows best");
            KernelThreads.set(1);
            assertEquals(50, Recurrence.rowsPerPart(vector, 50));
        } finally {
            KernelThreads.set(before);
        }
    }

    @Test
    void buffersAndPackedMatricesAreChecked() {
        Kernels k = Kernels.get();
        PackedB wrong = k.matMul().pack(true, H, H, new float[H * H], 0, H, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrence.lstmForward(k,
                STEPS, BATCH, H, new float[4 * STEPS * BATCH * H], wrong, new float[(STEPS + 1) * BATCH * H],
                new float[(STEPS + 1) * BATCH * H], new float[STEPS * BATCH * H]));
        assertTrue(e.getMessage().contains("11x44"), e.getMessage());
        PackedB whT = k.matMul().pack(true, H, 4 * H, new float[4 * H * H], 0, H, null);
        assertThrows(IllegalArgumentException.class, () -> Recurrence.lstmForward(k, STEPS, BATCH, H,
                new float[4 * STEPS * BATCH * H - 1], whT, new float[(STEPS + 1) * BATCH * H],
                new float[(STEPS + 1) * BATCH * H], new float[STEPS * BATCH * H]));
    }

    /** Forward and backward of an LSTM layer: hs, cs, dg and the gradients of h₀ and c₀. */
    private static float[][] lstm(Kernels k) {
        SplittableRandom rng = new SplittableRandom(5);
        int n = STEPS * BATCH;
        float[] wh = KernelTesting.uniform(rng, 4 * H * H, -0.5, 0.5);
        float[] g = KernelTesting.uniform(rng, 4 * n * H, -1, 1);
        float[] hs = new float[(n + BATCH) * H], cs = new float[(n + BATCH) * H], tc = new float[n * H];
        float[] h0 = KernelTesting.uniform(rng, BATCH * H, -1, 1);
        System.arraycopy(h0, 0, hs, 0, h0.length);
        System.arraycopy(KernelTesting.uniform(rng, BATCH * H, -1, 1), 0, cs, 0, BATCH * H);
        Recurrence.lstmForward(k, STEPS, BATCH, H, g, k.matMul().pack(true, H, 4 * H, wh, 0, H, null), hs, cs, tc);
        float[] dhs = KernelTesting.uniform(rng, (n + BATCH) * H, -1, 1);
        float[] dg = new float[4 * n * H], dh = new float[BATCH * H], dc = new float[BATCH * H];
        Recurrence.lstmBackward(k, STEPS, BATCH, H, g, cs, tc, k.matMul().pack(false, 4 * H, H, wh, 0, H, null), dhs,
                dg, dh, dc, new float[BATCH * H]);
        return new float[][] {hs, cs, dg, dh, dc};
    }

    private static float[][] gru(Kernels k) {
        SplittableRandom rng = new SplittableRandom(6);
        int n = STEPS * BATCH;
        float[] wh = KernelTesting.uniform(rng, 3 * H * H, -0.5, 0.5);
        float[] g = KernelTesting.uniform(rng, 3 * n * H, -1, 1);
        float[] hs = new float[(n + BATCH) * H], rh = new float[n * H];
        System.arraycopy(KernelTesting.uniform(rng, BATCH * H, -1, 1), 0, hs, 0, BATCH * H);
        MatMul mm = k.matMul();
        Recurrence.gruForward(k, STEPS, BATCH, H, g, mm.pack(true, H, 2 * H, wh, 0, H, null),
                mm.pack(true, H, H, wh, 2 * H * H, H, null), hs, rh);
        float[] dhs = KernelTesting.uniform(rng, (n + BATCH) * H, -1, 1);
        float[] dg = new float[3 * n * H], dh = new float[BATCH * H];
        Recurrence.gruBackward(k, STEPS, BATCH, H, g, hs, mm.pack(false, 2 * H, H, wh, 0, H, null),
                mm.pack(false, H, H, wh, 2 * H * H, H, null), dhs, dg, dh, new float[BATCH * H],
                new float[BATCH * H]);
        return new float[][] {hs, rh, dg, dh};
    }

    private static float[][] rnn(Kernels k, boolean relu) {
        SplittableRandom rng = new SplittableRandom(7);
        int n = STEPS * BATCH;
        float[] wh = KernelTesting.uniform(rng, H * H, -0.5, 0.5);
        float[] g = KernelTesting.uniform(rng, n * H, -1, 1);
        float[] hs = new float[(n + BATCH) * H];
        System.arraycopy(KernelTesting.uniform(rng, BATCH * H, -1, 1), 0, hs, 0, BATCH * H);
        MatMul mm = k.matMul();
        Recurrence.rnnForward(k, STEPS, BATCH, H, relu, g, mm.pack(true, H, H, wh, 0, H, null), hs);
        float[] dhs = KernelTesting.uniform(rng, (n + BATCH) * H, -1, 1);
        float[] dg = new float[n * H], dh = new float[BATCH * H];
        Recurrence.rnnBackward(k, STEPS, BATCH, H, relu, hs, mm.pack(false, H, H, wh, 0, H, null), dhs, dg, dh,
                new float[BATCH * H]);
        return new float[][] {hs, dg, dh};
    }

    private static void close(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5 + 2e-5 * Math.abs(expected[i]), what + "[" + i + "]");
        }
    }
}
