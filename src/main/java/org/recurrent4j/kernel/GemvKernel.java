package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector products on a row-major m×n matrix, the two ways its rows can be used: as dot products with a
 * contiguous x ({@link #dotRows}), or as axpy updates of a contiguous y ({@link #axpyRows}). Eight rows go
 * together so that each load of x or y is shared by eight FMAs.
 */
final class GemvKernel {
    private GemvKernel() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = VectorShapes.LANES;

    /** Rows per block of {@link #dotRows}: eight accumulators cover the FMA latency of two FMA units. */
    private static final int ROWS = 8;
    private static final VectorMask<Float> FIRST_ROWS = S.indexInRange(0, ROWS);

    // Index vectors for fold(): at level W, each input vector holds L / W groups of W lanes, one group per row.
    private static final FloatVector FOLD1_LO = foldIndexes(L, false), FOLD1_HI = foldIndexes(L, true);
    private static final FloatVector FOLD2_LO = foldIndexes(L / 2, false), FOLD2_HI = foldIndexes(L / 2, true);
    private static final FloatVector FOLD3_LO = foldIndexes(Math.max(L / 4, 2), false);
    private static final FloatVector FOLD3_HI = foldIndexes(Math.max(L / 4, 2), true);
    private static final FloatVector FOLD4_LO = foldIndexes(2, false), FOLD4_HI = foldIndexes(2, true);

    /**
     * Lane indexes into the concatenation a‖b that pair each group of w lanes with its second half: lane p of the
     * result is group p / (w/2) of a (or of b, past a's groups), at offset p mod (w/2) in the low or high half.
     */
    private static FloatVector foldIndexes(int w, boolean high) {
        int half = w / 2, groups = L / w;
        float[] idx = new float[L];
        for (int p = 0; p < L; p++) {
            int q = p / half, t = p % half;
            int base = q < groups ? q * w : L + (q - groups) * w;
            idx[p] = base + t + (high ? half : 0);
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    /**
     * Halves the lanes per row: each row's group of lanes in a and b is added to itself folded in two. The
     * order of the additions is fixed by the lanes alone, so the result is the same bit for bit interpreted or
     * compiled, for every row wherever it sits in a block.
     */
    private static FloatVector fold(FloatVector a, FloatVector b, FloatVector lo, FloatVector hi) {
        return lo.selectFrom(a, b).add(hi.selectFrom(a, b));
    }

    /**
     * y[i·incy] = alpha·dot(A[i, :], x) + beta·y[i·incy] for i < m; x is contiguous, n long. Eight rows go
     * together, one accumulator each, so every load of x serves eight FMAs; their lanes are then summed by a
     * tree of folds shared by the eight rows, not one horizontal sum per row. When n is not a multiple of L but
     * at least L, the last partial vector is a whole vector ending at n, multiplied by a copy of x whose lanes
     * already counted are zero: short rows (n = 25 with 16 lanes) then need no scalar tail. A last block of
     * fewer than eight rows repeats its last row and drops the repeats.
     */
    static void dotRows(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                        float beta, float[] y, int yOff, int incy) {
        int rem = n % L;
        boolean overlap = rem != 0 && n >= L;
        int t = n - L;
        int vectorEnd = overlap ? n : n - rem;
        // Its mask from bits: S.indexInRange with a negative offset builds the mask in Java, 0.6 µs a call.
        FloatVector xt = overlap
                ? FloatVector.fromArray(S, x, xOff + t, VectorMask.fromLong(S, -1L << (L - rem)))
                : FloatVector.zero(S);
        for (int i = 0; i < m; i += ROWS) {
            int last = m - 1;
            int r0 = aOff + i * lda;
            int r1 = aOff + Math.min(i + 1, last) * lda, r2 = aOff + Math.min(i + 2, last) * lda;
            int r3 = aOff + Math.min(i + 3, last) * lda, r4 = aOff + Math.min(i + 4, last) * lda;
            int r5 = aOff + Math.min(i + 5, last) * lda, r6 = aOff + Math.min(i + 6, last) * lda;
            int r7 = aOff + Math.min(i + 7, last) * lda;
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + j);
                s0 = FloatVector.fromArray(S, a, r0 + j).fma(xv, s0);
                s1 = FloatVector.fromArray(S, a, r1 + j).fma(xv, s1);
                s2 = FloatVector.fromArray(S, a, r2 + j).fma(xv, s2);
                s3 = FloatVector.fromArray(S, a, r3 + j).fma(xv, s3);
                s4 = FloatVector.fromArray(S, a, r4 + j).fma(xv, s4);
                s5 = FloatVector.fromArray(S, a, r5 + j).fma(xv, s5);
                s6 = FloatVector.fromArray(S, a, r6 + j).fma(xv, s6);
                s7 = FloatVector.fromArray(S, a, r7 + j).fma(xv, s7);
            }
            if (overlap) {
                s0 = FloatVector.fromArray(S, a, r0 + t).fma(xt, s0);
                s1 = FloatVector.fromArray(S, a, r1 + t).fma(xt, s1);
                s2 = FloatVector.fromArray(S, a, r2 + t).fma(xt, s2);
                s3 = FloatVector.fromArray(S, a, r3 + t).fma(xt, s3);
                s4 = FloatVector.fromArray(S, a, r4 + t).fma(xt, s4);
                s5 = FloatVector.fromArray(S, a, r5 + t).fma(xt, s5);
                s6 = FloatVector.fromArray(S, a, r6 + t).fma(xt, s6);
                s7 = FloatVector.fromArray(S, a, r7 + t).fma(xt, s7);
            }
            FloatVector s03 = fold(fold(s0, s1, FOLD1_LO, FOLD1_HI), fold(s2, s3, FOLD1_LO, FOLD1_HI),
                    FOLD2_LO, FOLD2_HI);
            FloatVector s47 = fold(fold(s4, s5, FOLD1_LO, FOLD1_HI), fold(s6, s7, FOLD1_LO, FOLD1_HI),
                    FOLD2_LO, FOLD2_HI);
            // Four lanes hold rows 0-3 and 4-7 after two folds; wider vectors need one or two more.
            FloatVector sums = s03;
            if (L >= 8) {
                sums = fold(s03, s47, FOLD3_LO, FOLD3_HI);
                if (L == 16) sums = fold(sums, sums, FOLD4_LO, FOLD4_HI);
            }
            int yi = yOff + i * incy;
            if (L >= 8 && incy == 1 && vectorEnd == n && i + ROWS <= m) {
                FloatVector out = sums.mul(alpha);
                if (beta != 0f) {
                    out = FloatVector.fromArray(S, y, yi, FIRST_ROWS).fma(FloatVector.broadcast(S, beta), out);
                }
                out.intoArray(y, yi, FIRST_ROWS);
                continue;
            }
            float d0 = sums.lane(0), d1 = sums.lane(1), d2 = sums.lane(2), d3 = sums.lane(3);
            float d4 = L == 4 ? s47.lane(0) : sums.lane(4), d5 = L == 4 ? s47.lane(1) : sums.lane(5);
            float d6 = L == 4 ? s47.lane(2) : sums.lane(6), d7 = L == 4 ? s47.lane(3) : sums.lane(7);
            for (int k = vectorEnd; k < n; k++) {
                float xk = x[xOff + k];
                d0 = Math.fma(a[r0 + k], xk, d0);
                d1 = Math.fma(a[r1 + k], xk, d1);
                d2 = Math.fma(a[r2 + k], xk, d2);
                d3 = Math.fma(a[r3 + k], xk, d3);
                d4 = Math.fma(a[r4 + k], xk, d4);
                d5 = Math.fma(a[r5 + k], xk, d5);
                d6 = Math.fma(a[r6 + k], xk, d6);
                d7 = Math.fma(a[r7 + k], xk, d7);
            }
            int rows = Math.min(ROWS, m - i);
            put(y, yi, d0, alpha, beta);
            if (rows > 1) put(y, yi + incy, d1, alpha, beta);
            if (rows > 2) put(y, yi + 2 * incy, d2, alpha, beta);
            if (rows > 3) put(y, yi + 3 * incy, d3, alpha, beta);
            if (rows > 4) put(y, yi + 4 * incy, d4, alpha, beta);
            if (rows > 5) put(y, yi + 5 * incy, d5, alpha, beta);
            if (rows > 6) put(y, yi + 6 * incy, d6, alpha, beta);
            if (rows > 7) put(y, yi + 7 * incy, d7, alpha, beta);
        }
    }

    /**
     * The dot products of up to six rows of A ({@code rows} of them, lda apart from aOff) with one or two
     * contiguous vectors of length n (x from x0 and, when {@code cols} is 2, from x1):
     * y[r·incy + c] = alpha·dot(A[r, :], x_c) + beta·y[r·incy + c]. They are the last columns of a product on
     * three-vector tiles, computed right after those tiles so that the rows are read from L1, each load of A
     * serving both columns; the lanes are summed by the same fixed tree of folds as {@link #dotRows}, through
     * {@code scratch} (at least max(L, 16) floats).
     */
    static void dotRows6(int rows, int cols, int n, float alpha, float[] a, int aOff, int lda, float[] x, int x0,
                         int x1, float beta, float[] y, int yOff, int incy, float[] scratch) {
        int last = rows - 1;
        int r0 = aOff, r1 = aOff + Math.min(1, last) * lda, r2 = aOff + Math.min(2, last) * lda;
        int r3 = aOff + Math.min(3, last) * lda, r4 = aOff + Math.min(4, last) * lda;
        int r5 = aOff + Math.min(5, last) * lda;
        FloatVector zero = FloatVector.zero(S);
        FloatVector p0 = zero, p1 = zero, p2 = zero, p3 = zero, p4 = zero, p5 = zero;
        FloatVector q0 = zero, q1 = zero, q2 = zero, q3 = zero, q4 = zero, q5 = zero;
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector u = FloatVector.fromArray(S, x, x0 + j);
            FloatVector v = FloatVector.fromArray(S, x, x1 + j);
            FloatVector e = FloatVector.fromArray(S, a, r0 + j);
            p0 = e.fma(u, p0);
            q0 = e.fma(v, q0);
            e = FloatVector.fromArray(S, a, r1 + j);
            p1 = e.fma(u, p1);
            q1 = e.fma(v, q1);
            e = FloatVector.fromArray(S, a, r2 + j);
            p2 = e.fma(u, p2);
            q2 = e.fma(v, q2);
            e = FloatVector.fromArray(S, a, r3 + j);
            p3 = e.fma(u, p3);
            q3 = e.fma(v, q3);
            e = FloatVector.fromArray(S, a, r4 + j);
            p4 = e.fma(u, p4);
            q4 = e.fma(v, q4);
            e = FloatVector.fromArray(S, a, r5 + j);
            p5 = e.fma(u, p5);
            q5 = e.fma(v, q5);
        }
        // One tree for the twelve sums: pairs, then pairs of pairs, ... until each lane holds one sum, x0's
        // rows in scratch[0 … 5] and x1's in scratch[8 … 13].
        FloatVector f0 = fold(p0, p1, FOLD1_LO, FOLD1_HI), f1 = fold(p2, p3, FOLD1_LO, FOLD1_HI);
        FloatVector f2 = fold(p4, p5, FOLD1_LO, FOLD1_HI), f3 = fold(q0, q1, FOLD1_LO, FOLD1_HI);
        FloatVector f4 = fold(q2, q3, FOLD1_LO, FOLD1_HI), f5 = fold(q4, q5, FOLD1_LO, FOLD1_HI);
        FloatVector g0 = fold(f0, f1, FOLD2_LO, FOLD2_HI), g1 = fold(f2, zero, FOLD2_LO, FOLD2_HI);
        FloatVector g2 = fold(f3, f4, FOLD2_LO, FOLD2_HI), g3 = fold(f5, zero, FOLD2_LO, FOLD2_HI);
        if (L == 4) {
            g0.intoArray(scratch, 0);
            g1.intoArray(scratch, 4);
            g2.intoArray(scratch, 8);
            g3.intoArray(scratch, 12);
        } else {
            FloatVector h0 = fold(g0, g1, FOLD3_LO, FOLD3_HI), h1 = fold(g2, g3, FOLD3_LO, FOLD3_HI);
            if (L == 16) {
                fold(h0, h1, FOLD4_LO, FOLD4_HI).intoArray(scratch, 0);
            } else {
                h0.intoArray(scratch, 0);
                h1.intoArray(scratch, ROWS);
            }
        }
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * lda;
            for (int c = 0; c < cols; c++) {
                float dot = scratch[c * ROWS + r];
                int xc = c == 0 ? x0 : x1;
                for (int t = j; t < n; t++) dot = Math.fma(a[ar + t], x[xc + t], dot);
                put(y, yOff + r * incy + c, dot, alpha, beta);
            }
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
        // A block's eight terms are summed in two chains of four before they reach y, so that the chain of
        // dependent additions into each y element is one add per block, not one FMA per row.
        for (; i + ROWS <= m; i += ROWS) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            int r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda;
            int xi = xOff + i * incx;
            float x0 = alpha * x[xi], x1 = alpha * x[xi + incx];
            float x2 = alpha * x[xi + 2 * incx], x3 = alpha * x[xi + 3 * incx];
            float x4 = alpha * x[xi + 4 * incx], x5 = alpha * x[xi + 5 * incx];
            float x6 = alpha * x[xi + 6 * incx], x7 = alpha * x[xi + 7 * incx];
            FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1);
            FloatVector v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
            FloatVector v4 = FloatVector.broadcast(S, x4), v5 = FloatVector.broadcast(S, x5);
            FloatVector v6 = FloatVector.broadcast(S, x6), v7 = FloatVector.broadcast(S, x7);
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector p = FloatVector.fromArray(S, a, r0 + j).mul(v0);
                FloatVector q = FloatVector.fromArray(S, a, r4 + j).mul(v4);
                p = FloatVector.fromArray(S, a, r1 + j).fma(v1, p);
                q = FloatVector.fromArray(S, a, r5 + j).fma(v5, q);
                p = FloatVector.fromArray(S, a, r2 + j).fma(v2, p);
                q = FloatVector.fromArray(S, a, r6 + j).fma(v6, q);
                p = FloatVector.fromArray(S, a, r3 + j).fma(v3, p);
                q = FloatVector.fromArray(S, a, r7 + j).fma(v7, q);
                FloatVector.fromArray(S, y, yOff + j).add(p.add(q)).intoArray(y, yOff + j);
            }
            for (; j < n; j++) {
                float p = a[r0 + j] * x0, q = a[r4 + j] * x4;
                p = Math.fma(a[r1 + j], x1, p);
                q = Math.fma(a[r5 + j], x5, q);
                p = Math.fma(a[r2 + j], x2, p);
                q = Math.fma(a[r6 + j], x6, q);
                p = Math.fma(a[r3 + j], x3, p);
                q = Math.fma(a[r7 + j], x7, q);
                y[yOff + j] += p + q;
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
