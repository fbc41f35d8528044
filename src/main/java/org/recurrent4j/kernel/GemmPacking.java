package org.recurrent4j.kernel;

import static org.recurrent4j.kernel.GemmMicroKernel.MR;
import static org.recurrent4j.kernel.GemmMicroKernel.NR;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous, zero-padded panels the micro-kernel streams through.
 * Packing absorbs the transposes: the kernel only ever sees row-major op(A) and op(B) slices.
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs op(A)[i0 : i0+mc, p0 : p0+kc] as ⌈mc/MR⌉ panels of kc×MR (element (r, p) of a panel at p·MR + r);
     * rows past mc are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        for (int ir = 0, panel = 0; ir < mc; ir += MR, panel += MR * kc) {
            int rows = Math.min(MR, mc - ir);
            if (transA) {
                // op(A)(i, p) = A[p, i]: the MR values for one p are adjacent in A.
                int src = aOff + p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += lda) {
                    int d = panel + p * MR;
                    System.arraycopy(a, src, dst, d, rows);
                    for (int r = rows; r < MR; r++) dst[d + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0, d = panel + r; p < kc; p++, d += MR) dst[d] = a[src + p];
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0, d = panel + r; p < kc; p++, d += MR) dst[d] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 : p0+kc, j0 : j0+nc] as ⌈nc/NR⌉ panels of kc×NR (element (p, j) of a panel at p·NR + j);
     * columns past nc are zero.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        for (int jr = 0, panel = 0; jr < nc; jr += NR, panel += NR * kc) {
            int cols = Math.min(NR, nc - jr);
            if (transB) {
                // op(B)(p, j) = B[j, p]: walk B's rows contiguously, write with stride NR.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0, d = panel + j; p < kc; p++, d += NR) dst[d] = b[src + p];
                }
                if (cols < NR) {
                    for (int p = 0, d = panel; p < kc; p++, d += NR) Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            } else {
                int src = bOff + p0 * ldb + j0 + jr;
                for (int p = 0, d = panel; p < kc; p++, d += NR, src += ldb) {
                    System.arraycopy(b, src, dst, d, cols);
                    if (cols < NR) Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            }
        }
    }
}
