package org.recurrent4j.kernel;

import static org.recurrent4j.kernel.GemmMicroKernel.MR;
import static org.recurrent4j.kernel.GemmMicroKernel.NR;

/**
 * Vector API matrix products. A product with one row or one column runs as a matrix-vector kernel; a product
 * with few columns reads A in place (packing A would cost as much as using it); anything larger is blocked for
 * the caches and packed, as BLIS does.
 */
final class VectorMatMul extends MatMul {

    // Blocking of the packed path, for a 48 KiB L1d and 1 MiB L2 (AMD Zen 5). A KC×NR panel of B stays in L1
    // while the micro-kernel walks down an MC×KC block of packed A, which stays in L2.
    static final int KC = 256;
    static final int MC = 240 / MR * MR;
    static final int NC = 4096 / NR * NR;
    // Products with few columns read A in place when all of B fits comfortably in L2.
    static final int DIRECT_MAX_N = 128;
    static final int DIRECT_MAX_B = 96 * 1024;

    @Override
    void gemmUnchecked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        if (k == 0 || alpha == 0f) {
            for (int i = 0; i < m; i++) GemvKernel.scale(n, beta, c, cOff + i * ldc);
        } else if (n == 1) {
            column(transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m == 1) {
            row(transA, transB, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff);
        } else if (n <= DIRECT_MAX_N && (long) k * roundUp(n, NR) <= DIRECT_MAX_B) {
            direct(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    void gemvUnchecked(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                       float[] x, int xOff, float beta, float[] y, int yOff) {
        int ylen = trans ? n : m;
        if (ylen == 0) return;
        if (alpha == 0f || (trans ? m : n) == 0) GemvKernel.scale(ylen, beta, y, yOff);
        else if (trans) GemvKernel.axpyRows(m, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff);
        else GemvKernel.dotRows(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff, 1);
    }

    /** C is one column: C = alpha·op(A)·x + beta·C with x the single column of op(B). */
    private static void column(boolean transA, boolean transB, int m, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        int incx = transB ? 1 : ldb;
        if (!transA) {
            float[] x = b;
            int xOff = bOff;
            if (incx != 1) {
                x = gather(GemmBuffers.get().vector(k), b, bOff, incx, k);
                xOff = 0;
            }
            GemvKernel.dotRows(m, k, alpha, a, aOff, lda, x, xOff, beta, c, cOff, ldc);
        } else if (ldc == 1) {
            GemvKernel.axpyRows(k, m, alpha, a, aOff, lda, b, bOff, incx, beta, c, cOff);
        } else {
            float[] y = GemmBuffers.get().vector(m);
            if (beta != 0f) gather(y, c, cOff, ldc, m);
            GemvKernel.axpyRows(k, m, alpha, a, aOff, lda, b, bOff, incx, beta, y, 0);
            for (int i = 0; i < m; i++) c[cOff + i * ldc] = y[i];
        }
    }

    /** C is one row: C = alpha·x·op(B) + beta·C with x the single row of op(A). */
    private static void row(boolean transA, boolean transB, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff) {
        int incx = transA ? lda : 1;
        if (!transB) {
            GemvKernel.axpyRows(k, n, alpha, b, bOff, ldb, a, aOff, incx, beta, c, cOff);
        } else {
            float[] x = a;
            int xOff = aOff;
            if (incx != 1) {
                x = gather(GemmBuffers.get().vector(k), a, aOff, incx, k);
                xOff = 0;
            }
            GemvKernel.dotRows(n, k, alpha, b, bOff, ldb, x, xOff, beta, c, cOff, 1);
        }
    }

    private static float[] gather(float[] dst, float[] src, int off, int inc, int len) {
        for (int i = 0; i < len; i++) dst[i] = src[off + i * inc];
        return dst;
    }

    /**
     * Few columns: A is read in place, MR rows at a time, and stays in L1 while the tiles sweep across B.
     * Rows of B serve whole tiles in place; a transposed B, or the last partial tile, is packed first.
     */
    private static void direct(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        GemmBuffers buffers = GemmBuffers.get();
        float[] spill = buffers.spill();
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        int inPlace = transB ? 0 : n - n % NR;
        float[] pb = buffers.packedB(k * roundUp(n - inPlace, NR));
        GemmPacking.packB(transB, b, bOff, ldb, 0, k, inPlace, n - inPlace, pb);
        for (int i = 0; i < m; i += MR) {
            int rows = Math.min(MR, m - i);
            int ai = aOff + i * rs;
            int ci = cOff + i * ldc;
            for (int j = 0; j < inPlace; j += NR) {
                GemmMicroKernel.tile(k, a, ai, rs, ps, b, bOff + j, ldb, c, ci + j, ldc, rows, NR, alpha, beta, spill);
            }
            for (int j = inPlace, pj = 0; j < n; j += NR, pj += NR * k) {
                GemmMicroKernel.tile(k, a, ai, rs, ps, pb, pj, NR, c, ci + j, ldc, rows, Math.min(NR, n - j),
                        alpha, beta, spill);
            }
        }
    }

    /**
     * The BLIS loop nest: for each NC-column block and KC-deep slice, pack op(B) once; for each MC-row block,
     * pack op(A); then sweep micro-tiles. The first slice applies beta, later ones accumulate. Any sub-rectangle
     * of C is itself such a product (offsets move), so the outer blocks can later be split across threads.
     */
    private static void packed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        GemmBuffers buffers = GemmBuffers.get();
        float[] spill = buffers.spill();
        float[] pa = buffers.packedA(roundUp(Math.min(MC, m), MR) * Math.min(KC, k));
        float[] pb = buffers.packedB(roundUp(Math.min(NC, n), NR) * Math.min(KC, k));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaNow = pc == 0 ? beta : 1f;
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, pb);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, pa);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        int ci = cOff + ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR) {
                            GemmMicroKernel.tile(kc, pa, ir * kc, 1, MR, pb, jr * kc, NR, c, ci + ir * ldc, ldc,
                                    Math.min(MR, mc - ir), cols, alpha, betaNow, spill);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
