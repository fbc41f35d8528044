package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise arithmetic on the Vector API. Each loop runs whole vectors, then a scalar tail; the arithmetic is
 * the scalar twin's (separate multiply and add, no FMA), so every result except the reductions is bit-identical.
 */
final class VectorElementWise extends ElementWise {
    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = S.length();

    @Override
    void addUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
    }

    @Override
    void subUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i];
    }

    @Override
    void mulUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i];
    }

    @Override
    void mulAddUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector p = FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i));
            FloatVector.fromArray(S, out, outOff + i).add(p).intoArray(out, outOff + i);
        }
        for (; i < n; i++) out[outOff + i] += a[aOff + i] * b[bOff + i];
    }

    @Override
    void axpyUnchecked(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector p = FloatVector.fromArray(S, x, xOff + i).mul(alpha);
            FloatVector.fromArray(S, y, yOff + i).add(p).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    void scaleUnchecked(int n, float alpha, float[] x, int xOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) x[xOff + i] *= alpha;
    }

    @Override
    void fillUnchecked(int n, float value, float[] x, int xOff) {
        FloatVector v = FloatVector.broadcast(S, value);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) v.intoArray(x, xOff + i);
        for (; i < n; i++) x[xOff + i] = value;
    }

    @Override
    void addColumnVectorUnchecked(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            float vr = v[vOff + r];
            int row = cOff + r * ldc;
            int j = 0;
            for (; j < bound; j += L) FloatVector.fromArray(S, c, row + j).add(vr).intoArray(c, row + j);
            for (; j < cols; j++) c[row + j] += vr;
        }
    }

    @Override
    void sumColumnsUnchecked(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) out[outOff + r] += sum(cols, a, aOff + r * lda);
    }

    @Override
    void addRowVectorUnchecked(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc) {
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, v, vOff + j)).intoArray(c, row + j);
            }
            for (; j < cols; j++) c[row + j] += v[vOff + j];
        }
    }

    /**
     * Column sums with each column's rows added in order, as the scalar twin does, so the two agree bit for bit;
     * a vector of columns at a time, with the partial sums kept in {@code out}'s own slots only at the end.
     */
    @Override
    void sumRowsUnchecked(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        int bound = S.loopBound(cols);
        int j = 0;
        // Four column vectors at a time: four independent sums pipeline where one would wait on each add, and
        // each row gives whole cache lines. Every column still adds its rows in order.
        for (; j + 4 * L <= bound; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int i = 0, ai = aOff + j; i < rows; i++, ai += lda) {
                s0 = s0.add(FloatVector.fromArray(S, a, ai));
                s1 = s1.add(FloatVector.fromArray(S, a, ai + L));
                s2 = s2.add(FloatVector.fromArray(S, a, ai + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, a, ai + 3 * L));
            }
            int o = outOff + j;
            FloatVector.fromArray(S, out, o).add(s0).intoArray(out, o);
            FloatVector.fromArray(S, out, o + L).add(s1).intoArray(out, o + L);
            FloatVector.fromArray(S, out, o + 2 * L).add(s2).intoArray(out, o + 2 * L);
            FloatVector.fromArray(S, out, o + 3 * L).add(s3).intoArray(out, o + 3 * L);
        }
        for (; j < bound; j += L) {
            FloatVector sum = FloatVector.zero(S);
            for (int i = 0, ai = aOff + j; i < rows; i++, ai += lda) sum = sum.add(FloatVector.fromArray(S, a, ai));
            FloatVector.fromArray(S, out, outOff + j).add(sum).intoArray(out, outOff + j);
        }
        for (; j < cols; j++) {
            float sum = 0f;
            for (int i = 0; i < rows; i++) sum += a[aOff + i * lda + j];
            out[outOff + j] += sum;
        }
    }

    /**
     * Σ x[off..off+n) with four independent vector accumulators, so the adds pipeline instead of chaining. The lanes
     * are summed in lane order: reduceLanes(ADD) may change order, and the sum by an ulp, once C2 compiles it.
     */
    private static float sum(int n, float[] x, int off) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
            s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) s0 = s0.add(FloatVector.fromArray(S, x, off + i));
        float sum = VectorMath.sumLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) sum += x[off + i];
        return sum;
    }

    /** x·0 is 0 for every finite x and NaN for NaN or ±∞, and NaN survives addition: one branch at the end. */
    @Override
    boolean allFiniteUnchecked(int n, float[] x, int xOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, xOff + i).mul(0f));
            s1 = s1.add(FloatVector.fromArray(S, x, xOff + i + L).mul(0f));
            s2 = s2.add(FloatVector.fromArray(S, x, xOff + i + 2 * L).mul(0f));
            s3 = s3.add(FloatVector.fromArray(S, x, xOff + i + 3 * L).mul(0f));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) s0 = s0.add(FloatVector.fromArray(S, x, xOff + i).mul(0f));
        float acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) acc += x[xOff + i] * 0f;
        return acc == 0f;
    }
}
