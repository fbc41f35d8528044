package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
        int shift = alignedStart(m, n, a, aOff, lda, true);
        if (shift > 0) dotRowsShifted(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, incy, shift);
        else dotRowsFromStart(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, incy);
    }

    /** {@link #dotRows} with each row's vector loop starting at column 0. */
    static void dotRowsFromStart(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
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
     * {@link #dotRows} for n a multiple of L (and at least L), with the vector loop of each row starting at
     * column {@code shift} (0 < shift < L): the same result bit for bit. Lane l of a row's accumulator then sums
     * the columns ≡ shift + l (mod L) instead of ≡ l: the same sums, in the same order, rotated by shift lanes;
     * and each level of the fold tree adds a lane to the one half a group away, which in a rotated group pairs
     * the same two sums (in swapped order, and a + b = b + a exactly). The columns before shift come first, from
     * the vector ending at shift; the last L − shift come last, from the vector starting there; the lanes of
     * those two outside the row are multiplied by zeros of x. The first rows, when the leading vector of the
     * first would start before the array, and the last rows, when the trailing vector of the last would end past
     * it, go through {@link #dotRowsFromStart}, eight rows at a time. Kept apart from that method: with both
     * loops in one, C2 stopped inlining the folds (its node-count cutoff) and boxed the vectors, at a tenth of
     * the speed.
     */
    static void dotRowsShifted(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                               float beta, float[] y, int yOff, int incy, int shift) {
        int first = 0, end = m;
        if (aOff + shift - L < 0) {
            first = Math.min(ROWS, m);
            dotRowsFromStart(first, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, incy);
        }
        if (end > first && aOff + (end - 1) * lda + n + shift > a.length) {
            int rows = Math.min(ROWS, end - first);
            end -= rows;
            dotRowsFromStart(rows, n, alpha, a, aOff + end * lda, lda, x, xOff, beta, y, yOff + end * incy, incy);
        }
        // x's first and last vectors in the rotated lanes, zero where they pass the row, are built in the
        // thread's spill tile (no gemm tile is in flight during a gemv) at [0, 2L); the sums of a block that
        // does not store as a vector go through [2L, 3L).
        float[] scratch = GemmBuffers.get().spill();
        java.util.Arrays.fill(scratch, 0, 2 * L, 0f);
        System.arraycopy(x, xOff, scratch, L - shift, shift);
        System.arraycopy(x, xOff + n - L + shift, scratch, L, L - shift);
        FloatVector xHead = FloatVector.fromArray(S, scratch, 0), xTail = FloatVector.fromArray(S, scratch, L);
        int h = shift - L, t = n - L + shift;
        for (int i = first; i < end; i += ROWS) {
            int last = end - 1;
            int r0 = aOff + i * lda;
            int r1 = aOff + Math.min(i + 1, last) * lda, r2 = aOff + Math.min(i + 2, last) * lda;
            int r3 = aOff + Math.min(i + 3, last) * lda, r4 = aOff + Math.min(i + 4, last) * lda;
            int r5 = aOff + Math.min(i + 5, last) * lda, r6 = aOff + Math.min(i + 6, last) * lda;
            int r7 = aOff + Math.min(i + 7, last) * lda;
            FloatVector zero = FloatVector.zero(S);
            FloatVector s0 = FloatVector.fromArray(S, a, r0 + h).fma(xHead, zero);
            FloatVector s1 = FloatVector.fromArray(S, a, r1 + h).fma(xHead, zero);
            FloatVector s2 = FloatVector.fromArray(S, a, r2 + h).fma(xHead, zero);
            FloatVector s3 = FloatVector.fromArray(S, a, r3 + h).fma(xHead, zero);
            FloatVector s4 = FloatVector.fromArray(S, a, r4 + h).fma(xHead, zero);
            FloatVector s5 = FloatVector.fromArray(S, a, r5 + h).fma(xHead, zero);
            FloatVector s6 = FloatVector.fromArray(S, a, r6 + h).fma(xHead, zero);
            FloatVector s7 = FloatVector.fromArray(S, a, r7 + h).fma(xHead, zero);
            for (int j = shift; j < t; j += L) {
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
            // The lanes of these two vectors outside the row meet zeros of x: a finite a·0 adds nothing (a sum
            // started at +0 never becomes −0), and a NaN or infinity there makes the row's sum NaN, caught below.
            s0 = FloatVector.fromArray(S, a, r0 + t).fma(xTail, s0);
            s1 = FloatVector.fromArray(S, a, r1 + t).fma(xTail, s1);
            s2 = FloatVector.fromArray(S, a, r2 + t).fma(xTail, s2);
            s3 = FloatVector.fromArray(S, a, r3 + t).fma(xTail, s3);
            s4 = FloatVector.fromArray(S, a, r4 + t).fma(xTail, s4);
            s5 = FloatVector.fromArray(S, a, r5 + t).fma(xTail, s5);
            s6 = FloatVector.fromArray(S, a, r6 + t).fma(xTail, s6);
            s7 = FloatVector.fromArray(S, a, r7 + t).fma(xTail, s7);
            // fold() written out: this method is past C2's node count for inlining calls of its own methods
            // (the JDK's vector methods are inlined regardless), and a fold not inlined boxes its vectors.
            FloatVector f0 = FOLD1_LO.selectFrom(s0, s1).add(FOLD1_HI.selectFrom(s0, s1));
            FloatVector f1 = FOLD1_LO.selectFrom(s2, s3).add(FOLD1_HI.selectFrom(s2, s3));
            FloatVector f2 = FOLD1_LO.selectFrom(s4, s5).add(FOLD1_HI.selectFrom(s4, s5));
            FloatVector f3 = FOLD1_LO.selectFrom(s6, s7).add(FOLD1_HI.selectFrom(s6, s7));
            FloatVector s03 = FOLD2_LO.selectFrom(f0, f1).add(FOLD2_HI.selectFrom(f0, f1));
            FloatVector s47 = FOLD2_LO.selectFrom(f2, f3).add(FOLD2_HI.selectFrom(f2, f3));
            FloatVector sums = s03;
            if (L >= 8) {
                sums = FOLD3_LO.selectFrom(s03, s47).add(FOLD3_HI.selectFrom(s03, s47));
                if (L == 16) sums = FOLD4_LO.selectFrom(sums, sums).add(FOLD4_HI.selectFrom(sums, sums));
            }
            int yi = yOff + i * incy;
            int rows = Math.min(ROWS, end - i);
            if (!sums.test(VectorOperators.IS_FINITE).allTrue()
                    || (L == 4 && !s47.test(VectorOperators.IS_FINITE).allTrue())) {
                // A sum that is not finite may have met a NaN or infinity beside the row: recomputed within it.
                dotRowsFromStart(rows, n, alpha, a, aOff + i * lda, lda, x, xOff, beta, y, yi, incy);
                continue;
            }
            if (L >= 8 && incy == 1 && rows == ROWS) {
                FloatVector out = sums.mul(alpha);
                if (beta != 0f) {
                    out = FloatVector.fromArray(S, y, yi, FIRST_ROWS).fma(FloatVector.broadcast(S, beta), out);
                }
                out.intoArray(y, yi, FIRST_ROWS);
                continue;
            }
            // Through memory: lane(r) with r not a constant expands into a switch over every lane.
            sums.intoArray(scratch, 2 * L);
            if (L == 4) s47.intoArray(scratch, 2 * L + 4);
            for (int r = 0; r < rows; r++) put(y, yi + r * incy, scratch[2 * L + r], alpha, beta);
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
        axpyRows(m, n, alpha, a, aOff, lda, x, xOff, incx, beta, y, yOff, alignedStart(m, n, a, aOff, lda, false));
    }

    /**
     * {@link #axpyRows} with the vector loop over each block of rows starting at column {@code shift}
     * (0 ≤ shift < L, and n ≥ L when it is not 0), the same result bit for bit for every shift: each y element
     * is summed on its own, in the same order wherever its lane is. The columns before shift and after the last
     * whole vector are computed as the whole vectors at 0 and at n − L, and only their lanes for those columns
     * reach y.
     */
    static void axpyRows(int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, int incx,
                         float beta, float[] y, int yOff, int shift) {
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
            int j = shift;
            if (shift > 0) {
                VectorMask<Float> head = VectorMask.fromLong(S, (1L << shift) - 1);
                FloatVector p = FloatVector.fromArray(S, a, r0).mul(v0);
                FloatVector q = FloatVector.fromArray(S, a, r4).mul(v4);
                p = FloatVector.fromArray(S, a, r1).fma(v1, p);
                q = FloatVector.fromArray(S, a, r5).fma(v5, q);
                p = FloatVector.fromArray(S, a, r2).fma(v2, p);
                q = FloatVector.fromArray(S, a, r6).fma(v6, q);
                p = FloatVector.fromArray(S, a, r3).fma(v3, p);
                q = FloatVector.fromArray(S, a, r7).fma(v7, q);
                FloatVector old = FloatVector.fromArray(S, y, yOff);
                old.blend(old.add(p.add(q)), head).intoArray(y, yOff);
            }
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
            if (shift > 0 && j < n) {
                int t = n - L;
                VectorMask<Float> tail = VectorMask.fromLong(S, -1L << (j - t));
                FloatVector p = FloatVector.fromArray(S, a, r0 + t).mul(v0);
                FloatVector q = FloatVector.fromArray(S, a, r4 + t).mul(v4);
                p = FloatVector.fromArray(S, a, r1 + t).fma(v1, p);
                q = FloatVector.fromArray(S, a, r5 + t).fma(v5, q);
                p = FloatVector.fromArray(S, a, r2 + t).fma(v2, p);
                q = FloatVector.fromArray(S, a, r6 + t).fma(v6, q);
                p = FloatVector.fromArray(S, a, r3 + t).fma(v3, p);
                q = FloatVector.fromArray(S, a, r7 + t).fma(v7, q);
                FloatVector old = FloatVector.fromArray(S, y, yOff + t);
                old.blend(old.add(p.add(q)), tail).intoArray(y, yOff + t);
                j = n;
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

    /**
     * When rows start their vector loops on vector boundaries (when the address can be read): the read costs
     * about 6 ns, and each row gains a vector, at both ends for dot products. Measured at 512 bits against
     * starting at column 0, ns per call: dot products lost at 128×128 (0.85×) and 32×256 (0.77×), and gained
     * at 64×256 (1.04×), 512×192 (1.06×) and 128×256 (1.11×); axpy updates gained from 32×256 (1.16×) on.
     */
    static final long DOT_ALIGN_MIN_ELEMENTS = 16_384, AXPY_ALIGN_MIN_ELEMENTS = 8_192;
    static final int DOT_ALIGN_MIN_VECTORS = 12, AXPY_ALIGN_MIN_VECTORS = 2;

    /**
     * The column at which every row of A (lda apart, so all alike when lda is a multiple of L) has its first
     * vector-aligned element; 0 for a product under the given size, with rows shorter than the given number of
     * vectors, or (dot products) not in whole vectors.
     */
    static int alignedStart(int m, int n, float[] a, int aOff, int lda, boolean dots) {
        long minElements = dots ? DOT_ALIGN_MIN_ELEMENTS : AXPY_ALIGN_MIN_ELEMENTS;
        int minVectors = dots ? DOT_ALIGN_MIN_VECTORS : AXPY_ALIGN_MIN_VECTORS;
        if (lda % L != 0 || n < minVectors * L || (dots && n % L != 0) || (long) m * n < minElements) return 0;
        return HeapAlignment.shift(a, aOff, L);
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
