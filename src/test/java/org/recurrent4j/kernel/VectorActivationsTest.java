package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent4j.kernel.KernelTesting.assertClose;
import static org.recurrent4j.kernel.KernelTesting.assertSameBits;
import static org.recurrent4j.kernel.KernelTesting.sizes;
import static org.recurrent4j.kernel.KernelTesting.uniform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API activations against the scalar twin (Math.exp and Math.tanh in double), at every tail length
 * with distinct offsets. Sigmoid and tanh must agree within 1e-6 relative (the design's budget), plus an
 * absolute 2^−126 where sigmoid's result is subnormal; relu and every backward form must be bit-identical.
 */
class VectorActivationsTest {
    private static final int X_OFF = 2, Y_OFF = 5, GUARD = 3;
    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 88.7f, -88.7f, 100f, -100f,
            1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    private final Activations scalar = Kernels.scalar().activations();
    private Activations vector;
    private final SplittableRandom rng = new SplittableRandom(7);

    @BeforeEach
    void setUp() {
        vector = KernelTesting.vector().activations();
    }

    /** Inputs in [−30, 30] with a special value (saturating, tiny, signed zero, infinite, NaN) every 5th element. */
    private float[] inputs(int n) {
        float[] x = uniform(rng, X_OFF + n + GUARD, -30, 30);
        for (int i = 0; i < n; i += 5) x[X_OFF + i] = SPECIAL[rng.nextInt(SPECIAL.length)];
        return x;
    }

    private interface Forward {
        void apply(Activations k, int n, float[] x, float[] y);
    }

    private void compareForward(String op, Forward f, boolean exact) {
        for (int n : sizes()) {
            float[] x = inputs(n);
            float[] expected = uniform(rng, Y_OFF + n + GUARD, -1, 1);
            float[] actual = expected.clone();
            f.apply(scalar, n, x, expected);
            f.apply(vector, n, x, actual);
            if (exact) assertSameBits(expected, actual, op + " n=" + n);
            else assertClose(expected, actual, 1e-6, Float.MIN_NORMAL, op + " n=" + n);
        }
    }

    @Test
    void sigmoidMatchesScalarTwin() {
        compareForward("sigmoid", (k, n, x, y) -> k.sigmoid(n, x, X_OFF, y, Y_OFF), false);
    }

    @Test
    void tanhMatchesScalarTwin() {
        compareForward("tanh", (k, n, x, y) -> k.tanh(n, x, X_OFF, y, Y_OFF), false);
    }

    @Test
    void reluIsBitIdentical() {
        compareForward("relu", (k, n, x, y) -> k.relu(n, x, X_OFF, y, Y_OFF), true);
    }

    /**
     * The accuracy stated in {@link VectorActivations}: measured 1.85e-7 (sigmoid) and 1.19e-7 (tanh) relative,
     * 5.96e-8 absolute. The bound, 3e-7 relative, is what a 1-ulp exponential plus three roundings can reach.
     */
    @Test
    void accuracyOverAWideGrid() {
        int n = 200_000;
        float[] x = new float[n];
        int k = 0;
        for (int e = -149; e <= 127; e++) {
            for (int j = 0; j < 8; j++) {
                float v = Math.min(Float.MAX_VALUE, Math.scalb((float) (1 + rng.nextDouble()), e));
                x[k++] = v;
                x[k++] = -v;
            }
        }
        while (k < n) x[k++] = (float) (60 * rng.nextDouble() - 30);
        float[] expected = new float[n];
        float[] actual = new float[n];
        for (String op : new String[] {"sigmoid", "tanh"}) {
            if (op.equals("sigmoid")) {
                scalar.sigmoid(n, x, 0, expected, 0);
                vector.sigmoid(n, x, 0, actual, 0);
            } else {
                scalar.tanh(n, x, 0, expected, 0);
                vector.tanh(n, x, 0, actual, 0);
            }
            double maxRel = 0;
            double maxAbs = 0;
            for (int i = 0; i < n; i++) {
                double d = Math.abs((double) actual[i] - expected[i]);
                maxAbs = Math.max(maxAbs, d);
                if (Math.abs(expected[i]) >= Float.MIN_NORMAL) maxRel = Math.max(maxRel, d / Math.abs(expected[i]));
            }
            assertTrue(maxRel <= 3e-7, op + ": max relative error " + maxRel);
            assertTrue(maxAbs <= 1.2e-7, op + ": max absolute error " + maxAbs);
        }
    }

    /**
     * Every element, in the vector body or the scalar tail, is exactly {@link VectorMath}'s scalar formula: a value
     * does not depend on where it sits in the array, nor on the vector width.
     */
    @Test
    void everyElementIsTheScalarFormula() {
        for (int n : sizes()) {
            float[] x = inputs(n);
            float[] y = new float[Y_OFF + n + GUARD];
            float[] t = new float[Y_OFF + n + GUARD];
            vector.sigmoid(n, x, X_OFF, y, Y_OFF);
            vector.tanh(n, x, X_OFF, t, Y_OFF);
            for (int i = 0; i < n; i++) {
                float xi = x[X_OFF + i];
                assertSameBits(new float[] {1f / (VectorMath.exp(-xi) + 1f), VectorMath.tanh(xi)},
                        new float[] {y[Y_OFF + i], t[Y_OFF + i]}, "sigmoid, tanh of " + xi + " at " + i + " n=" + n);
            }
        }
    }

    private interface Backward {
        void apply(Activations k, int n, float[] y, float[] dy, float[] dx);
    }

    private void compareBackward(String op, float[] yValues, Backward f) {
        for (int n : sizes()) {
            float[] y = new float[1 + n + GUARD];
            for (int i = 0; i < y.length; i++) y[i] = yValues[rng.nextInt(yValues.length)];
            float[] dy = uniform(rng, 4 + n + GUARD, -2, 2);
            float[] expected = uniform(rng, 6 + n + GUARD, -1, 1);
            float[] actual = expected.clone();
            f.apply(scalar, n, y, dy, expected);
            f.apply(vector, n, y, dy, actual);
            assertSameBits(expected, actual, op + " n=" + n);
        }
    }

    @Test
    void backwardFormsAreBitIdentical() {
        float[] unit = {0f, 1f, 0.5f, 0.25f, 0.999f, 1e-3f, 0.7f, 0.3f};
        float[] signed = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 0.999f, -0.3f, 0.7f};
        float[] relu = {0f, -0f, 0f, 1.5f, 3f, 1e-30f, Float.MIN_VALUE, Float.NaN, 0.2f};
        compareBackward("sigmoidBackward", unit, (k, n, y, dy, dx) -> k.sigmoidBackward(n, y, 1, dy, 4, dx, 6));
        compareBackward("tanhBackward", signed, (k, n, y, dy, dx) -> k.tanhBackward(n, y, 1, dy, 4, dx, 6));
        compareBackward("reluBackward", relu, (k, n, y, dy, dx) -> k.reluBackward(n, y, 1, dy, 4, dx, 6));
    }
}
