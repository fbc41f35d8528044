package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recurrent4j.kernel.KernelTesting.assertSameBits;
import static org.recurrent4j.kernel.KernelTesting.sizes;
import static org.recurrent4j.kernel.KernelTesting.uniform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API optimizer updates against the scalar twin over three steps, at every tail length and at large
 * sizes, with distinct offsets and gradients in [−8, 8] against a clip of 5 (about a third clipped). The
 * arithmetic is the same operation for operation, so weights, state and gradients must be bit-identical, and
 * the clipped counts equal.
 */
class VectorUpdatesTest {
    private static final int STEPS = 3;
    private static final float LR = 0.01f, REGC = 1e-3f, CLIP = 5f;

    private final Updates scalar = Kernels.scalar().updates();
    private Updates vector;
    private final SplittableRandom rng = new SplittableRandom(9);

    @BeforeEach
    void setUp() {
        vector = KernelTesting.vector().updates();
    }

    private interface Step {
        int apply(Updates u, int n, float[] w, float[] dw, float[] s1, float[] s2, long t);
    }

    private void compare(String op, Step step) {
        for (int n : sizes()) {
            float[] w = uniform(rng, 3 + n + 2, -1, 1), ws = w.clone();
            float[] s1 = uniform(rng, 1 + n + 2, 0, 0.1), s1s = s1.clone();
            float[] s2 = uniform(rng, 4 + n + 2, 0, 0.1), s2s = s2.clone();
            for (int t = 1; t <= STEPS; t++) {
                float[] dw = uniform(rng, 2 + n + 2, -8, 8), dws = dw.clone();
                int expected = step.apply(scalar, n, ws, dws, s1s, s2s, t);
                int actual = step.apply(vector, n, w, dw, s1, s2, t);
                String what = op + " n=" + n + " step " + t;
                assertEquals(expected, actual, what + " clipped");
                assertSameBits(ws, w, what + " w");
                assertSameBits(dws, dw, what + " dw");
                assertSameBits(s1s, s1, what + " state");
                assertSameBits(s2s, s2, what + " second state");
            }
        }
    }

    @Test
    void rmspropIsBitIdentical() {
        compare("rmsprop", (u, n, w, dw, c, unused, t) -> u.rmsprop(n, w, 3, dw, 2, c, 1, LR, REGC, CLIP, 0.999f, 1e-8f));
    }

    @Test
    void adamIsBitIdentical() {
        compare("adam", (u, n, w, dw, m, v, t) -> u.adam(n, w, 3, dw, 2, m, 1, v, 4, LR, REGC, CLIP, 0.9f, 0.999f, 1e-8f, t));
    }

    @Test
    void sgdIsBitIdentical() {
        compare("sgd", (u, n, w, dw, unused1, unused2, t) -> u.sgd(n, w, 3, dw, 2, LR, REGC, CLIP));
    }
}
