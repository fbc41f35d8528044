package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector products on a row-major m×n matrix, the two ways its rows can be used: as dot products with a
 * contiguous x ({@link #dotRows}), or as axpy updates of a contiguous y ({@link #axpyRows}). Four rows go
 * together so that each load of x or y is shared, with two vectors per row to hide FMA latency.
 */
final class GemvKernel {
    private GemvKernel() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = VectorShapes.LANES;

    /**
     * y[i·incy] = alpha·dot(A[i, :], x) + beta·y[i·incy] for i < m; x is contiguous, n long. When n is not a
     * multiple of L but at least L, the last partial vector is a whole vector ending at n, multiplied by a copy
     * of x whose lanes already counted are zero: short rows (n = 25 with 16 lanes) then need no scalar tail.
     */
    static void dotRows(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                        float beta, float[] y, int yOff, int incy) {
        int rem = n % L;
        boolean overlap = rem != 0 && n >= L;
        int t = n - L;
        FloatVector xt = overlap
                ? FloatVector.fromArray(S, x, xOff + t, S.indexInRange(rem - L, rem))
                : FloatVector.zero(S);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            FloatVector t0 = FloatVector.zero(S), t1 = FloatVector.zero(S);
            FloatVector t2 = FloatVector.zero(S), t3 = FloatVector.zero(S);
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + j);
                FloatVector xw = FloatVector.fromArray(S, x, xOff + j + L);
                s0 = FloatVector.fromArray(S, a, r0 + j).fma(xv, s0);
                s1 = FloatVector.fromArray(S, a, r1 + j).fma(xv, s1);
                s2 = FloatVector.fromArray(S, a, r2 + j).fma(xv, s2);
                s3 = FloatVector.fromArray(S, a, r3 + j).fma(xv, s3);
                t0 = FloatVector.fromArray(S, a, r0 + j + L).fma(xw, t0);
                t1 = FloatVector.fromArray(S, a, r1 + j + L).fma(xw, t1);
                t2 = FloatVector.fromArray(S, a, r2 + j + L).fma(xw, t2);
                t3 = FloatVector.fromArray(S, a, r3 + j + L).fma(xw, t3);
            }
            if (j + L <= n) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + j);
                s0 = FloatVector.fromArray(S, a, r0 + j).fma(xv, s0);
                s1 = FloatVector.fromArray(S, a, r1 + j).fma(xv, s1);
                s2 = FloatVector.fromArray(S, a, r2 + j).fma(xv, s2);
                s3 = FloatVector.fromArray(S, a, r3 + j).fma(xv, s3);
                j += L;
            }
            if (overlap) {
                t0 = FloatVector.fromArray(S, a, r0 + t).fma(xt, t0);
                t1 = FloatVector.fromArray(S, a, r1 + t).fma(xt, t1);
                t2 = FloatVector.fromArray(S, a, r2 + t).fma(xt, t2);
                t3 = FloatVector.fromArray(S, a, r3 + t).fma(xt, t3);
                j = n;
            }
            float d0 = VectorMath.sumLanes(s0.add(t0));
            float d1 = VectorMath.sumLanes(s1.add(t1));
            float d2 = VectorMath.sumLanes(s2.add(t2));
            float d3 = VectorMath.sumLanes(s3.add(t3));
            for (; j < n; j++) {
                float xj = x[xOff + j];
                d0 = Math.fma(a[r0 + j], xj, d0);
                d1 = Math.fma(a[r1 + j], xj, d1);
                d2 = Math.fma(a[r2 + j], xj, d2);
                d3 = Math.fma(a[r3 + j], xj, d3);
            }
            int yi = yOff + i * incy;
            put(y, yi, d0, alpha, beta);
            put(y, yi + incy, d1, alpha, beta);
            put(y, yi + 2 * incy, d2, alpha, beta);
            put(y, yi + 3 * incy, d3, alpha, beta);
        }
        for (; i < m; i++) {
            int r0 = aOff + i * lda;
            FloatVector s0 = FloatVector.zero(S), t0 = FloatVector.zero(S);
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                s0 = FloatVector.fromArray(S, a, r0 + j).fma(FloatVector.fromArray(S, x, xOff + j), s0);
                t0 = FloatVector.fromArray(S, a, r0 + j + L).fma(FloatVector.fromArray(S, x, xOff + j + L), t0);
            }
            if (j + L <= n) {
                s0 = FloatVector.fromArray(S, a, r0 + j).fma(FloatVector.fromArray(S, x, xOff + j), s0);
                j += L;
            }
            if (overlap) {
                t0 = FloatVector.fromArray(S, a, r0 + t).fma(xt, t0);
                j = n;
            }
            float d0 = VectorMath.sumLanes(s0.add(t0));
            for (; j < n; j++) d0 = Math.fma(a[r0 + j], x[xOff + j], d0);
            put(y, yOff + i * incy, d0, alpha, beta);
        }
    }

    private static void put(float[] y, int i, float dot, float alpha, float beta) {
        y[i] = beta == 0f ? alpha * dot : Math.fma(beta, y[i], alpha * dot);
    }

    /**
     * y = beta·y + alpha·Σ_i x[i·incx]·A[i, :] over i < m; y is contiguous, n long. With beta = 0 the old y is
     * never read.
     */
    static void axpyRows(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, int incx,
                         float beta, float[] y, int yOff) {
        scale(n, beta, y, yOff);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            int xi = xOff + i * incx;
            float x0 = alpha * x[xi], x1 = alpha * x[xi + incx];
            float x2 = alpha * x[xi + 2 * incx], x3 = alpha * x[xi + 3 * incx];
            FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1);
            FloatVector v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector acc = FloatVector.fromArray(S, y, yOff + j);
                acc = FloatVector.fromArray(S, a, r0 + j).fma(v0, acc);
                acc = FloatVector.fromArray(S, a, r1 + j).fma(v1, acc);
                acc = FloatVector.fromArray(S, a, r2 + j).fma(v2, acc);
                acc = FloatVector.fromArray(S, a, r3 + j).fma(v3, acc);
                acc.intoArray(y, yOff + j);
            }
            for (; j < n; j++) {
                float acc = y[yOff + j];
                acc = Math.fma(a[r0 + j], x0, acc);
                acc = Math.fma(a[r1 + j], x1, acc);
                acc = Math.fma(a[r2 + j], x2, acc);
                acc = Math.fma(a[r3 + j], x3, acc);
                y[yOff + j] = acc;
            }
        }
        for (; i < m; i++) {
            int r0 = aOff + i * lda;
            float x0 = alpha * x[xOff + i * incx];
            FloatVector v0 = FloatVector.broadcast(S, x0);
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector.fromArray(S, a, r0 + j).fma(v0, FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
            }
            for (; j < n; j++) y[yOff + j] = Math.fma(a[r0 + j], x0, y[yOff + j]);
        }
    }

    /** y = beta·y over n contiguous elements; beta = 0 writes zeros without reading y (which may hold NaN). */
    static void scale(int n, float beta, float[] y, int yOff) {
        if (beta == 1f) return;
        int j = 0;
        if (beta == 0f) {
            for (; j + L <= n; j += L) FloatVector.zero(S).intoArray(y, yOff + j);
            for (; j < n; j++) y[yOff + j] = 0f;
        } else {
            for (; j + L <= n; j += L) FloatVector.fromArray(S, y, yOff + j).mul(beta).intoArray(y, yOff + j);
            for (; j < n; j++) y[yOff + j] *= beta;
        }
    }
}
