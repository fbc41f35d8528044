package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel: one MR×NR tile of C, NR being two whole vectors. Each step over k
 * loads one row of the op(B) slice (two vectors), broadcasts MR elements of the op(A) slice and issues 2·MR
 * independent FMAs into twelve accumulators; C is read and written once, after the k loop.
 *
 * <p>The A slice is addressed as {@code a[aIdx + r·rs + p·ps]} so that the same kernel reads a packed panel
 * (rs = 1, ps = MR) or A in place (either transpose). The B slice is {@code b[bIdx + p·bps + j]}: a packed
 * panel (bps = NR) or rows of B in place. Edge tiles run the full kernel: rows past {@code rows} re-read the
 * last valid row, columns past {@code cols} come from zero padding, and only the valid part is written.
 */
final class GemmMicroKernel {
    private GemmMicroKernel() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = VectorShapes.LANES;
    /** Rows of a tile. */
    static final int MR = 6;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * L;

    static void tile(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, int bps,
                     float[] c, int cIdx, int ldc, int rows, int cols, float alpha, float beta, float[] spill) {
        int last = rows - 1;
        int a0 = aIdx;
        int a1 = aIdx + Math.min(1, last) * rs;
        int a2 = aIdx + Math.min(2, last) * rs;
        int a3 = aIdx + Math.min(3, last) * rs;
        int a4 = aIdx + Math.min(4, last) * rs;
        int a5 = aIdx + Math.min(5, last) * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int bi = bIdx;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[a0]);
            c00 = b0.fma(av, c00);
            c01 = b1.fma(av, c01);
            av = FloatVector.broadcast(S, a[a1]);
            c10 = b0.fma(av, c10);
            c11 = b1.fma(av, c11);
            av = FloatVector.broadcast(S, a[a2]);
            c20 = b0.fma(av, c20);
            c21 = b1.fma(av, c21);
            av = FloatVector.broadcast(S, a[a3]);
            c30 = b0.fma(av, c30);
            c31 = b1.fma(av, c31);
            av = FloatVector.broadcast(S, a[a4]);
            c40 = b0.fma(av, c40);
            c41 = b1.fma(av, c41);
            av = FloatVector.broadcast(S, a[a5]);
            c50 = b0.fma(av, c50);
            c51 = b1.fma(av, c51);
            a0 += ps;
            a1 += ps;
            a2 += ps;
            a3 += ps;
            a4 += ps;
            a5 += ps;
            bi += bps;
        }
        if (rows == MR && cols == NR) {
            store(c00, c, cIdx, alpha, beta);
            store(c01, c, cIdx + L, alpha, beta);
            store(c10, c, cIdx + ldc, alpha, beta);
            store(c11, c, cIdx + ldc + L, alpha, beta);
            store(c20, c, cIdx + 2 * ldc, alpha, beta);
            store(c21, c, cIdx + 2 * ldc + L, alpha, beta);
            store(c30, c, cIdx + 3 * ldc, alpha, beta);
            store(c31, c, cIdx + 3 * ldc + L, alpha, beta);
            store(c40, c, cIdx + 4 * ldc, alpha, beta);
            store(c41, c, cIdx + 4 * ldc + L, alpha, beta);
            store(c50, c, cIdx + 5 * ldc, alpha, beta);
            store(c51, c, cIdx + 5 * ldc + L, alpha, beta);
        } else {
            c00.intoArray(spill, 0);
            c01.intoArray(spill, L);
            c10.intoArray(spill, NR);
            c11.intoArray(spill, NR + L);
            c20.intoArray(spill, 2 * NR);
            c21.intoArray(spill, 2 * NR + L);
            c30.intoArray(spill, 3 * NR);
            c31.intoArray(spill, 3 * NR + L);
            c40.intoArray(spill, 4 * NR);
            c41.intoArray(spill, 4 * NR + L);
            c50.intoArray(spill, 5 * NR);
            c51.intoArray(spill, 5 * NR + L);
            storePartial(spill, c, cIdx, ldc, rows, cols, alpha, beta);
        }
    }

    private static void store(FloatVector acc, float[] c, int i, float alpha, float beta) {
        FloatVector r = acc.mul(alpha);
        if (beta == 1f) r = r.add(FloatVector.fromArray(S, c, i));
        else if (beta != 0f) r = FloatVector.fromArray(S, c, i).fma(FloatVector.broadcast(S, beta), r);
        r.intoArray(c, i);
    }

    /** Writes the valid rows×cols corner of a spilled tile; with beta = 0 the old C is never read. */
    private static void storePartial(float[] spill, float[] c, int cIdx, int ldc, int rows, int cols,
                                     float alpha, float beta) {
        for (int r = 0; r < rows; r++) {
            int ci = cIdx + r * ldc;
            int si = r * NR;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) c[ci + j] = alpha * spill[si + j];
            } else {
                for (int j = 0; j < cols; j++) c[ci + j] = Math.fma(beta, c[ci + j], alpha * spill[si + j]);
            }
        }
    }
}
