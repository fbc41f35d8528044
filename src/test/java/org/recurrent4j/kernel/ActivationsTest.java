package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every activation implementation must have, checked on the scalar twin and the vector set. */
class ActivationsTest {
    private static final float[] HUGE = {100f, 1e4f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};

    /** n = 3·16 + 1 values cycling through HUGE and −HUGE: every width sees them in the vector body and the tail. */
    private static float[] saturating() {
        float[] x = new float[3 * KernelTesting.MAX_LANES + 1];
        for (int i = 0; i < x.length; i++) x[i] = (i % 2 == 0 ? 1 : -1) * HUGE[(i / 2) % HUGE.length];
        return x;
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void sigmoidAndTanhSaturateWithoutNaN(Kernels k) {
        float[] x = saturating();
        float[] sig = new float[x.length];
        float[] tanh = new float[x.length];
        k.activations().sigmoid(x.length, x, 0, sig, 0);
        k.activations().tanh(x.length, x, 0, tanh, 0);
        for (int i = 0; i < x.length; i++) {
            // sigmoid(−100) = 3.7e-44 is a subnormal float; anything below 1e-40 is 0 for training purposes.
            if (x[i] > 0) assertEquals(1f, sig[i], k + " sigmoid(" + x[i] + ")");
            else assertEquals(0f, sig[i], 1e-40f, k + " sigmoid(" + x[i] + ")");
            assertEquals(Math.signum(x[i]), tanh[i], k + " tanh(" + x[i] + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void knownValues(Kernels k) {
        float[] x = {0f, 1f, -2f, 0.5f};
        float[] y = new float[4];
        k.activations().sigmoid(4, x, 0, y, 0);
        for (int i = 0; i < 4; i++) assertEquals(1 / (1 + Math.exp(-x[i])), y[i], 1e-7, k + " sigmoid");
        k.activations().tanh(4, x, 0, y, 0);
        for (int i = 0; i < 4; i++) assertEquals(Math.tanh(x[i]), y[i], 1e-7, k + " tanh");
        float[] r = {-1f, -0f, 0f, 2f, Float.NaN};
        float[] out = new float[5];
        k.activations().relu(5, r, 0, out, 0);
        assertEquals(0f, out[0]);
        assertEquals(0f, out[1], "relu(−0) is +0 as Math.max gives it");
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(out[1]));
        assertEquals(2f, out[3]);
        assertTrue(Float.isNaN(out[4]), "relu(NaN) stays NaN, so a diverged run is not hidden");
    }

    /** The gradient passes where y > 0 and nowhere else, not even at y == 0 exactly. */
    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void reluPassesNoGradientAtZero(Kernels k) {
        int n = 3 * KernelTesting.MAX_LANES + 1;
        float[] y = new float[n];
        float[] dy = new float[n];
        float[] dx = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = switch (i % 3) {
                case 0 -> 0f;
                case 1 -> -0f;
                default -> 0.5f;
            };
            dy[i] = i + 1;
            dx[i] = 10f;
        }
        k.activations().reluBackward(n, y, 0, dy, 0, dx, 0);
        for (int i = 0; i < n; i++) assertEquals(i % 3 == 2 ? 10f + i + 1 : 10f, dx[i], k + " element " + i);
    }

    /** The backward forms accumulate f'(y)·dy into dx, from the output y. */
    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void backwardFormsAccumulate(Kernels k) {
        float[] y = {0.25f, -0.5f};
        float[] dy = {2f, 4f};
        float[] dx = {1f, 1f};
        k.activations().sigmoidBackward(1, y, 0, dy, 0, dx, 0);
        assertEquals(1f + 0.25f * 0.75f * 2f, dx[0]);
        k.activations().tanhBackward(2, y, 0, dy, 0, dx, 0);
        assertEquals(1f + 0.25f * 0.75f * 2f + (1 - 0.0625f) * 2f, dx[0]);
        assertEquals(1f + 0.75f * 4f, dx[1]);
    }
}
