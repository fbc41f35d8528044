package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against Math.exp, Math.tanh and Math.log in double, over dense sweeps and special values, and
 * its scalar twins against its lanes bit for bit. Bounds on relative error where the result is a normal float:
 * exp 2e-7, tanh 3e-7, log 2e-7 (measured over every float: 7.7e-8, 1.03e-7, 8.2e-8). Where e^x is subnormal the
 * error is at most one unit of Float.MIN_VALUE.
 */
class VectorMathTest {
    private static final double EXP_REL = 2e-7, TANH_REL = 3e-7, LOG_REL = 2e-7;
    private static final int SWEEP = 2_000_000;

    private final SplittableRandom rng = new SplittableRandom(17);

    @BeforeEach
    void needsVectorApi() {
        KernelTesting.vector();
    }

    private interface Fn {
        FloatVector vector(FloatVector x);
    }

    /** The lanes' results for every x, a whole vector at a time (x's length is a multiple of every lane count). */
    private static float[] lanes(Fn f, float[] x) {
        VectorSpecies<Float> s = VectorShapes.FLOAT;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += s.length()) f.vector(FloatVector.fromArray(s, x, i)).intoArray(y, i);
        return y;
    }

    /** x padded with copies of its first element to a multiple of 16. */
    private static float[] padded(float... x) {
        float[] p = new float[(x.length + 15) / 16 * 16];
        java.util.Arrays.fill(p, x[0]);
        System.arraycopy(x, 0, p, 0, x.length);
        return p;
    }

    /** Uniform in [lo, hi), then the 4096 floats next to each end, then floats of every binade below 2, both signs. */
    private float[] sweep(double lo, double hi) {
        float[] x = KernelTesting.uniform(rng, SWEEP, lo, hi);
        for (int i = 0; i < 4096; i++) {
            x[i] = Math.nextUp((float) lo + 0f) + i * Math.ulp((float) lo);
            x[4096 + i] = Math.nextDown((float) hi) - i * Math.ulp((float) hi);
            x[8192 + i] = Float.intBitsToFloat(i * 4096 * 64) * (i % 2 == 0 ? 1 : -1);
        }
        return x;
    }

    /** Relative error against the double reference where it is a normal float, else absolute in MIN_VALUE units. */
    private static void assertAccurate(String op, float[] x, float[] y, DoubleUnaryOperator ref, double rel) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double e = ref.applyAsDouble(x[i]);
            double err = Math.abs(y[i] - e);
            if (Math.abs(e) >= Float.MIN_NORMAL && Math.abs(e) <= Float.MAX_VALUE) {
                worst = Math.max(worst, err / Math.abs(e));
                if (err > rel * Math.abs(e)) fail(op + "(" + x[i] + ") = " + y[i] + ", expected " + e);
            } else if (Math.abs(e) < Float.MIN_NORMAL && err > Float.MIN_VALUE) {
                fail(op + "(" + x[i] + ") = " + y[i] + ", expected subnormal " + e);
            } else if (Math.abs(e) > Float.MAX_VALUE && y[i] != (float) e) {
                fail(op + "(" + x[i] + ") = " + y[i] + ", expected " + (float) e);
            }
        }
        System.out.printf("VectorMath.%s: max relative error %.3g over %d inputs%n", op, worst, x.length);
    }

    private static void assertTwinsAgree(String op, float[] x, float[] y, UnaryOperator<Float> twin) {
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(twin.apply(x[i])) != Float.floatToRawIntBits(y[i])) {
                fail(op + "(" + x[i] + "): lane " + y[i] + ", scalar twin " + twin.apply(x[i]));
            }
        }
    }

    @Test
    void expIsAccurateAndTwinsAgree() {
        float[] x = sweep(-105, 90);
        float[] y = lanes(VectorMath::exp, x);
        assertAccurate("exp", x, y, Math::exp, EXP_REL);
        assertTwinsAgree("exp", x, y, VectorMath::exp);
    }

    @Test
    void tanhIsAccurateAndTwinsAgree() {
        float[] x = sweep(-90, 90);
        for (int i = 12_288; i < 200_000; i++) x[i] = (float) (4 * rng.nextDouble() - 2); // both branches, densely
        float[] y = lanes(VectorMath::tanh, x);
        assertAccurate("tanh", x, y, Math::tanh, TANH_REL);
        assertTwinsAgree("tanh", x, y, VectorMath::tanh);
    }

    /** Positive floats of every binade, subnormals included, and densely around 1 where ln x is near 0. */
    @Test
    void logIsAccurateAndTwinsAgree() {
        float[] x = new float[SWEEP];
        for (int i = 0; i < SWEEP; i++) {
            x[i] = i % 2 == 0 ? Float.intBitsToFloat(1 + rng.nextInt(0x7F7FFFFF))
                    : (float) (0.5 + 1.5 * rng.nextDouble());
        }
        float[] y = lanes(VectorMath::log, x);
        assertAccurate("log", x, y, Math::log, LOG_REL);
        assertTwinsAgree("log", x, y, VectorMath::log);
    }

    private static final float SUB = Float.MIN_VALUE, SUB_BIG = Math.nextDown(Float.MIN_NORMAL);
    private static final float[] SPECIAL = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            100f, -100f, 1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE, SUB, -SUB, SUB_BIG, -SUB_BIG, 1f, -1f};

    /** Expected results, in SPECIAL's order; exp(−100) is subnormal and is checked separately. */
    private static final float[] EXP = {1f, 1f, Float.POSITIVE_INFINITY, 0f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NaN, Float.POSITIVE_INFINITY, 0f, Float.POSITIVE_INFINITY, 0f, 1f, 1f, 1f, 1f, (float) Math.E,
            (float) (1 / Math.E)};
    private static final float[] TANH = {0f, -0f, 1f, -1f, Float.NaN, 1f, -1f, 1f, -1f, 1f, -1f, SUB, -SUB, SUB_BIG,
            -SUB_BIG, (float) Math.tanh(1), (float) Math.tanh(-1)};
    private static final float[] LOG = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NaN, Float.NaN, (float) Math.log(100), Float.NaN, (float) Math.log(1e4), Float.NaN,
            (float) Math.log(Float.MAX_VALUE), Float.NaN, (float) Math.log(SUB), Float.NaN, (float) Math.log(SUB_BIG),
            Float.NaN, 0f, Float.NaN};

    private static void assertSpecial(String op, Fn f, UnaryOperator<Float> twin, float[] expected) {
        float[] x = padded(SPECIAL);
        float[] y = lanes(f, x);
        for (int i = 0; i < SPECIAL.length; i++) {
            String what = op + "(" + SPECIAL[i] + ")";
            if (op.equals("exp") && SPECIAL[i] == -100f) {
                assertEquals(Math.exp(-100), y[i], Float.MIN_VALUE, what);
            } else if (Float.isNaN(expected[i]) || expected[i] == 0f || Float.isInfinite(expected[i])) {
                assertEquals(expected[i], y[i], what); // exact, and the sign of zero counts
            } else {
                assertEquals(expected[i], y[i], 1.5 * Math.ulp(expected[i]), what);
            }
            assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(twin.apply(SPECIAL[i])),
                    what + ": scalar twin");
        }
    }

    @Test
    void specialValues() {
        assertSpecial("exp", VectorMath::exp, VectorMath::exp, EXP);
        assertSpecial("tanh", VectorMath::tanh, VectorMath::tanh, TANH);
        assertSpecial("log", VectorMath::log, VectorMath::log, LOG);
    }

    /** The edges of exp's range: the last finite result and the first +∞; subnormal results round to 1 or 0 units. */
    @Test
    void expRangeEdges() {
        // e^x = (1 − 7.3e-6)·MAX_VALUE; at the next float it is above MAX_VALUE + ulp/2, so rounds to +∞.
        float lastFinite = 88.72283f;
        float[] x = padded(lastFinite, Math.nextUp(lastFinite), -103.5f, -104.5f, -87.33654f);
        float[] y = lanes(VectorMath::exp, x);
        assertEquals(Math.exp(lastFinite), y[0], EXP_REL * Math.exp(lastFinite), "exp(" + x[0] + ")");
        assertEquals(Float.POSITIVE_INFINITY, y[1], "exp(" + x[1] + ")");
        assertEquals(Float.MIN_VALUE, y[2], "exp(−103.5) = 0.80·MIN_VALUE");
        assertEquals(0f, y[3], "exp(−104.5) = 0.29·MIN_VALUE");
        assertEquals(Math.exp(x[4]), y[4], Float.MIN_VALUE, "exp near ln MIN_NORMAL");
    }

    /** Lane order, not a tree: values of mixed sign and magnitude, where the order of the additions shows. */
    @Test
    void sumLanesAddsInLaneOrder() {
        VectorSpecies<Float> s = VectorShapes.FLOAT;
        float[] v = new float[s.length()];
        for (int trial = 0; trial < 100; trial++) {
            for (int l = 0; l < v.length; l++) v[l] = (float) Math.scalb(rng.nextDouble() - 0.5, rng.nextInt(-20, 20));
            float expected = v[0];
            for (int l = 1; l < v.length; l++) expected += v[l];
            assertEquals(expected, VectorMath.sumLanes(FloatVector.fromArray(s, v, 0)), "trial " + trial);
        }
    }
}
