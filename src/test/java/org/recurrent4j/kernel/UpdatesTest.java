package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer updates against values computed here in double from the formulas (docs/math.md#rmsprop, #adam
 * and #sgd), on both implementations. Five hand-picked elements (one clipped above, one clipped below, one zero
 * gradient) repeat over n = 3·16 + 1 from offset 2, so every width meets them in
 * the vector body and the tail. Weights must agree within 1e-6·max(1, |w|): a step is lr·g ≈ 1e-3..1e-2 and
 * the L2 term regc·w ≈ 1e-4..2e-3, so a wrong sign or a dropped term misses by hundreds of times the tolerance.
 * The decay rates enter as the floats the API receives: 0.999f is 0.99900001, so 1 − decay is 0.00099998713,
 * 1.3e-5 away from 0.001 in relative terms, which alone moves a clipped weight by 1.5e-6.
 */
class UpdatesTest {
    private static final float[] W = {0.5f, -1.0f, 2.0f, 0.25f, -0.125f};
    private static final float[] G = {0.1f, -7.0f, 3.0f, 0f, 6.0f};
    private static final float[] G2 = {-0.3f, 2.0f, -9.0f, 0.5f, 0.05f};
    private static final float[] CACHE = {0.01f, 0f, 2.0f, 0.5f, 0.04f};
    private static final int N = 3 * KernelTesting.MAX_LANES + 1, OFF = 2, GUARD = 3;
    private static final float LR = 0.01f, REGC = 1e-3f, CLIP = 5f;
    private static final float DECAY = 0.999f, BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;

    private static float[] spread(float[] base) {
        float[] a = new float[OFF + N + GUARD];
        java.util.Arrays.fill(a, 42f); // guards: must stay untouched
        for (int i = 0; i < N; i++) a[OFF + i] = base[i % base.length];
        return a;
    }

    private static int clippedCount(float[] g) {
        int c = 0;
        for (int i = 0; i < N; i++) if (Math.abs(g[i % g.length]) > CLIP) c++;
        return c;
    }

    private static void assertWeights(double[] expected, float[] actual, String what) {
        for (int i = 0; i < N; i++) {
            double e = expected[i % expected.length];
            assertEquals(e, actual[OFF + i], 1e-6 * Math.max(1, Math.abs(e)), what + " element " + i);
        }
    }

    private static void assertResetAndGuarded(float[] dw, float[] w, String what) {
        for (int i = 0; i < N; i++) assertEquals(0f, dw[OFF + i], what + ": dw is reset");
        for (float[] a : new float[][] {dw, w}) {
            for (int i = 0; i < OFF; i++) assertEquals(42f, a[i], what + ": guard before");
            for (int i = OFF + N; i < a.length; i++) assertEquals(42f, a[i], what + ": guard after");
        }
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void rmspropFollowsTheSpec(Kernels k) {
        float[] w = spread(W), dw = spread(G), cache = spread(CACHE);
        int clipped = k.updates().rmsprop(N, w, OFF, dw, OFF, cache, OFF, LR, REGC, CLIP, DECAY, EPS);
        assertEquals(clippedCount(G), clipped, k + " clipped");
        double[] expectedW = new double[5], expectedCache = new double[5];
        for (int i = 0; i < 5; i++) {
            double g = G[i];
            double c = DECAY * CACHE[i] + (1 - DECAY) * g * g;          // from the unclipped gradient
            double gc = Math.max(-CLIP, Math.min(CLIP, g));
            expectedW[i] = W[i] - LR * gc / Math.sqrt(c + EPS) - REGC * W[i]; // decay not scaled by lr
            expectedCache[i] = c;
        }
        assertWeights(expectedW, w, k + " rmsprop w");
        assertWeights(expectedCache, cache, k + " rmsprop cache");
        assertResetAndGuarded(dw, w, k + " rmsprop");
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void adamTwoSteps(Kernels k) {
        float[] w = spread(W), dw = spread(G), m = spread(new float[] {0f}), v = spread(new float[] {0f});
        double[] ew = new double[5], em = new double[5], ev = new double[5];
        for (int i = 0; i < 5; i++) ew[i] = W[i];
        int step1 = k.updates().adam(N, w, OFF, dw, OFF, m, OFF, v, OFF, LR, REGC, CLIP, BETA1, BETA2, EPS, 1);
        System.arraycopy(spread(G2), OFF, dw, OFF, N);
        int step2 = k.updates().adam(N, w, OFF, dw, OFF, m, OFF, v, OFF, LR, REGC, CLIP, BETA1, BETA2, EPS, 2);
        assertEquals(clippedCount(G), step1, k + " clipped in step 1");
        assertEquals(clippedCount(G2), step2, k + " clipped in step 2");
        for (int t = 1; t <= 2; t++) {
            float[] grads = t == 1 ? G : G2;
            for (int i = 0; i < 5; i++) {
                double g = Math.max(-CLIP, Math.min(CLIP, grads[i]));
                em[i] = BETA1 * em[i] + (1 - BETA1) * g;
                ev[i] = BETA2 * ev[i] + (1 - BETA2) * g * g;
                double mHat = em[i] / (1 - Math.pow(BETA1, t));
                double vHat = ev[i] / (1 - Math.pow(BETA2, t));
                ew[i] = ew[i] - LR * mHat / (Math.sqrt(vHat) + EPS) - REGC * ew[i];
            }
        }
        assertWeights(ew, w, k + " adam w");
        assertWeights(em, m, k + " adam m");
        assertWeights(ev, v, k + " adam v");
        assertResetAndGuarded(dw, w, k + " adam");
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void sgd(Kernels k) {
        float[] w = spread(W), dw = spread(G);
        int clipped = k.updates().sgd(N, w, OFF, dw, OFF, LR, REGC, CLIP);
        assertEquals(clippedCount(G), clipped, k + " clipped");
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) expected[i] = W[i] - LR * Math.max(-CLIP, Math.min(CLIP, G[i])) - REGC * W[i];
        assertWeights(expected, w, k + " sgd w");
        assertResetAndGuarded(dw, w, k + " sgd");
    }
}
