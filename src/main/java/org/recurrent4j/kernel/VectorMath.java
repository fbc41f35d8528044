package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reproducible e^x, tanh x and ln x on float vectors, each with a scalar twin that gives the same bits as a lane.
 * They use only exactly rounded operations (add, sub, mul, fma, div, compare and blend, integer adds, shifts
 * and bit masks), so interpreted Vector API code, C2-compiled code and the scalar twin agree bit for bit.
 * {@link VectorOperators#EXP}, {@code TANH} and {@code LOG} do not: they run on Math.exp until C2 compiles the
 * caller and on the JDK's vector stubs after, which round differently on about 0.5% of inputs.
 * <p>Largest relative error against Math.exp, Math.tanh and Math.log in double, measured over all 2^32 floats:
 * exp 7.7e-8 (0.91 ulp) wherever e^x is a normal float, and within 0.86·Float.MIN_VALUE where it is subnormal
 * (x from −103.97 to −87.34; no flush to zero); tanh 1.03e-7 (1.24 ulp); log 8.2e-8 (0.90 ulp) on every positive
 * float, subnormals included. Special values (±0, ±∞, NaN, overflow, underflow) are exactly right.
 * Each twin pair is one algorithm written twice: keep them in step (a test compares them bit for bit).
 */
final class VectorMath {
    private VectorMath() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = S.length();

    // exp: x = n·ln 2 + r with |r| ≤ ln 2 / 2; e^r = 1 + r + r²·Q(r), Q minimax for relative error (3.1e-9).
    private static final float EXP_LO = -104f, EXP_HI = 89f; // e^−104 rounds to 0, e^89 to +∞
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f; // n·LN2_HI is exact for |n| < 2^15
    private static final float SHIFTER = 0x1.8p23f; // t = x·log2 e + SHIFTER holds round(x·log2 e) in its low bits
    private static final int SHIFTER_BITS = 0x4B400000;
    private static final float Q0 = 0.49999994f, Q1 = 0.16666521f, Q2 = 0.04166839f, Q3 = 0.008368711f,
            Q4 = 0.0013814612f;

    // tanh |x|: |x| + |x|³·P(x²) below 0.9 (P minimax for relative error, 1.1e-9),
    // else 1 − 2e/(1 + e) with e = e^−2|x|.
    private static final float TANH_CUT = 0.9f;
    private static final float TANH_SATURATED = 10f; // tanh rounds to 1 from 9.02 on
    private static final int SIGN_BIT = 0x80000000;
    private static final float P0 = -0.33333322f, P1 = 0.13332978f, P2 = -0.053929303f, P3 = 0.021663543f,
            P4 = -0.008264544f, P5 = 0.0025826688f, P6 = -0.0004554603f;

    // log: x = 2^e·m with m in [√½, √2); ln m = f − f²/2 + f³·R(f), f = m − 1 exact, R minimax (7.5e-10).
    private static final int SQRT_HALF_BITS = 0x3F3504F3;
    private static final float TWO_23 = 0x1p23f;
    private static final float R0 = 0.33333313f, R1 = -0.2500001f, R2 = 0.20002119f, R3 = -0.16667996f,
            R4 = 0.14219552f, R5 = -0.12405591f, R6 = 0.11888162f, R7 = -0.11675643f, R8 = 0.0674663f;

    private static FloatVector k(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** e^x; +∞ above 88.73, results below Float.MIN_NORMAL rounded gradually to subnormals and 0, NaN stays NaN. */
    static FloatVector exp(FloatVector x) {
        // Clamped by compare and blend, much cheaper than MIN and MAX (which must order −0 and +0); NaN stays NaN.
        FloatVector c = x.blend(EXP_LO, x.compare(VectorOperators.LT, EXP_LO))
                .blend(EXP_HI, x.compare(VectorOperators.GT, EXP_HI));
        FloatVector t = c.fma(k(LOG2E), k(SHIFTER));
        FloatVector n = t.sub(SHIFTER);
        FloatVector p = expReduced(n.fma(k(-LN2_LO), n.fma(k(-LN2_HI), c)));
        // 2^n as 2^(n>>1)·2^(n−(n>>1)): both halves are normal floats, and the second product rounds once.
        IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** The scalar twin of {@link #exp(FloatVector)}: the same operations, so the same bits. */
    static float exp(float x) {
        float c = x < EXP_LO ? EXP_LO : x > EXP_HI ? EXP_HI : x;
        float t = Math.fma(c, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        float p = expReduced(Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, c)));
        int ni = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        int n1 = ni >> 1;
        int n2 = ni - n1;
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    /** e^x for x in [−87, 88], where it is a normal float: no clamps, and 2^n in one step. */
    private static FloatVector expNormal(FloatVector x) {
        FloatVector t = x.fma(k(LOG2E), k(SHIFTER));
        FloatVector n = t.sub(SHIFTER);
        FloatVector p = expReduced(n.fma(k(-LN2_LO), n.fma(k(-LN2_HI), x)));
        // (bits(t) − SHIFTER_BITS + 127) << 23, and SHIFTER_BITS << 23 overflows to 0.
        return p.mul(t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    private static float expNormal(float x) {
        float t = Math.fma(x, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        float p = expReduced(Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, x)));
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127) << 23);
    }

    /** e^r for |r| ≤ ln 2 / 2. */
    private static FloatVector expReduced(FloatVector r) {
        FloatVector q = k(Q4).fma(r, k(Q3)).fma(r, k(Q2)).fma(r, k(Q1)).fma(r, k(Q0));
        return q.fma(r, k(1f)).fma(r, k(1f));
    }

    private static float expReduced(float r) {
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Q4, r, Q3), r, Q2), r, Q1), r, Q0);
        return Math.fma(Math.fma(q, r, 1f), r, 1f);
    }

    /** tanh x; ±1 for large |x|, ±0 and subnormals unchanged, NaN stays NaN. */
    static FloatVector tanh(FloatVector x) {
        // Both branches work on |x| and x's sign bit is put back last, so that tanh(−0) is −0.
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector p = k(P6).fma(z, k(P5)).fma(z, k(P4)).fma(z, k(P3)).fma(z, k(P2)).fma(z, k(P1)).fma(z, k(P0));
        FloatVector small = z.mul(a).fma(p, a);
        FloatVector e = expNormal(a.blend(TANH_SATURATED, a.compare(VectorOperators.GT, TANH_SATURATED)).mul(-2f));
        FloatVector large = k(1f).sub(e.add(e).div(e.add(1f)));
        IntVector magnitude = large.blend(small, a.compare(VectorOperators.LT, TANH_CUT)).reinterpretAsInts();
        return magnitude.or(x.reinterpretAsInts().and(SIGN_BIT)).reinterpretAsFloats();
    }

    /** The scalar twin of {@link #tanh(FloatVector)}. */
    static float tanh(float x) {
        float a = Math.abs(x);
        float magnitude;
        if (a < TANH_CUT) {
            float z = a * a;
            float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P6, z, P5), z, P4), z, P3), z, P2), z, P1),
                    z, P0);
            magnitude = Math.fma(z * a, p, a);
        } else {
            float e = expNormal((a > TANH_SATURATED ? TANH_SATURATED : a) * -2f);
            magnitude = 1f - (e + e) / (e + 1f);
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) | (Float.floatToRawIntBits(x) & SIGN_BIT));
    }

    /** ln x; −∞ at ±0, +∞ at +∞, NaN below 0 and at NaN. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(TWO_23), subnormal);
        IntVector ix = xs.reinterpretAsInts().sub(SQRT_HALF_BITS);
        FloatVector e = ((FloatVector) ix.lanewise(VectorOperators.ASHR, 23).convert(VectorOperators.I2F, 0))
                .sub(FloatVector.zero(S).blend(23f, subnormal));
        FloatVector f = ix.and(0x007FFFFF).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
        FloatVector r = k(R8).fma(f, k(R7)).fma(f, k(R6)).fma(f, k(R5)).fma(f, k(R4)).fma(f, k(R3)).fma(f, k(R2))
                .fma(f, k(R1)).fma(f, k(R0));
        FloatVector y = f.mul(f).fma(r.fma(f, k(-0.5f)), f);
        FloatVector res = e.fma(k(LN2_HI), e.fma(k(LN2_LO), y));
        res = res.blend(x, x.compare(VectorOperators.GT, Float.MAX_VALUE));
        res = res.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        return res.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
    }

    /** The scalar twin of {@link #log(FloatVector)}. */
    static float log(float x) {
        if (x == 0f) return Float.NEGATIVE_INFINITY;
        if (!(x >= 0f)) return Float.NaN;
        if (x > Float.MAX_VALUE) return x;
        boolean subnormal = x < Float.MIN_NORMAL;
        int ix = Float.floatToRawIntBits(subnormal ? x * TWO_23 : x) - SQRT_HALF_BITS;
        float e = (float) (ix >> 23) - (subnormal ? 23f : 0f);
        float f = Float.intBitsToFloat((ix & 0x007FFFFF) + SQRT_HALF_BITS) - 1f;
        float r = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(R8, f, R7), f, R6), f, R5),
                f, R4), f, R3), f, R2), f, R1), f, R0);
        float y = Math.fma(f * f, Math.fma(r, f, -0.5f), f);
        return Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, y));
    }

    /**
     * The sum of the lanes, in lane order. {@code reduceLanes(ADD)} is not reproducible: C2 may add the lanes in a
     * different order from the interpreter's (seen at 128 and 512 bits), so a sum can change by an ulp mid-run.
     */
    static float sumLanes(FloatVector v) {
        float sum = v.lane(0);
        for (int l = 1; l < L; l++) sum += v.lane(l);
        return sum;
    }
}
