package org.recurrent4j.kernel;

import static org.recurrent4j.kernel.GemmMicroKernel.MR;
import static org.recurrent4j.kernel.GemmMicroKernel.NR;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernel streams through; packing absorbs
 * the transposes. A transposed B is transposed in registers by {@link GemmTranspose}; the others move contiguous runs.
 */
final class GemmPacking {
    private GemmPacking() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = VectorShapes.LANES;

    /**
     * Width of a panel of packed transposed A: a multiple of MR (tiles never straddle two panels) and of every
     * lane count (the copy moves whole vectors).
     */
    static final int PANEL = GemmTuning.PANEL;

    /**
     * Copies op(A)[i0 : i0+mc, p0 : p0+kc]. Without transA the block is stored row-major with leading
     * dimension kc: op(A)(i, p) at i·kc + p. With transA, where columns of op(A) are rows of A, it is stored as
     * ⌈mc/PANEL⌉ panels of kc×PANEL: op(A)(i, p) at (i − i mod PANEL)·kc + p·PANEL + i mod PANEL. Either way
     * the micro-kernel finds row i at {@link #rowStart} with strides {@link #rowStride} and {@link #depthStride}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        if (!transA) {
            for (int i = 0; i < mc; i++) System.arraycopy(a, aOff + (i0 + i) * lda + p0, dst, i * kc, kc);
            return;
        }
        for (int ib = 0; ib < mc; ib += PANEL) {
            int w = Math.min(PANEL, mc - ib);
            int src = aOff + p0 * lda + i0 + ib;
            for (int p = 0, d = ib * kc; p < kc; p++, src += lda, d += PANEL) {
                if (w < PANEL) {
                    System.arraycopy(a, src, dst, d, w);
                } else {
                    for (int v = 0; v < PANEL; v += L) FloatVector.fromArray(S, a, src + v).intoArray(dst, d + v);
                }
            }
        }
    }

    static int rowStart(boolean transA, int i, int kc) {
        return transA ? (i - i % PANEL) * kc + i % PANEL : i * kc;
    }

    static int rowStride(boolean transA, int kc) {
        return transA ? 1 : kc;
    }

    static int depthStride(boolean transA) {
        return transA ? PANEL : 1;
    }

    /**
     * Packs op(B)[p0 : p0+kc, j0 : j0+nc] as ⌈nc/NR⌉ panels of kc×NR (element (p, j) of a panel at p·NR + j);
     * columns past nc are zero.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        packB(transB, b, bOff, ldb, p0, kc, j0, nc, dst, 0);
    }

    /** {@link #packB} with the first panel at dst[dOff]. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst,
                      int dOff) {
        if (transB) {
            GemmTranspose.packB(b, bOff, ldb, p0, kc, j0, nc, dst, dOff);
            return;
        }
        int whole = nc - nc % NR;
        int src0 = bOff + p0 * ldb + j0;
        int block = rowsCollideInL1(kc, ldb) ? PACK_ROWS : kc;
        for (int pb = 0; pb < kc; pb += block) {
            int rows = Math.min(block, kc - pb);
            for (int jr = 0, panel = dOff + pb * NR; jr < whole; jr += NR, panel += NR * kc) {
                copyRows(b, src0 + pb * ldb + jr, ldb, rows, dst, panel);
            }
        }
        if (whole < nc) {
            int cols = nc - whole;
            for (int p = 0, d = dOff + whole * kc, src = src0 + whole; p < kc; p++, d += NR, src += ldb) {
                System.arraycopy(b, src, dst, d, cols);
                Arrays.fill(dst, d + cols, d + NR, 0f);
            }
        }
    }

    /**
     * Rows of B that {@link #packB} copies into every panel before moving on to the next rows, when its rows would
     * collide in L1 ({@link #rowsCollideInL1}); otherwise B is copied panel by panel. Panel by panel, the copy
     * reads all kc rows for each NR floats it takes from them, so rows that evict each other from L1 are fetched
     * again for every panel; by blocks it reads a few rows through and writes into every panel.
     */
    static final int PACK_ROWS = 8;

    private static final GemmTuning TUNING = VectorMatMul.TUNING;
    private static final int L1_SETS = Math.max(1, TUNING.caches().l1d() / (TUNING.caches().line()
            * TUNING.caches().l1dWays()));
    private static final int L1_WAYS = TUNING.caches().l1dWays();
    private static final int LINE_FLOATS = TUNING.caches().line() / Float.BYTES;

    /**
     * Whether kc rows ldb floats apart, one line from each, exceed half of the L1 lines they can occupy: a stride
     * of 2^t lines reaches only 1/2^t of the sets (a row of 512 floats is 32 lines: 2 of a 32 KiB 8-way L1's 64
     * sets, 16 lines for 256 rows).
     */
    static boolean rowsCollideInL1(int kc, int ldb) {
        int sets = ldb % LINE_FLOATS != 0 ? L1_SETS
                : Math.max(1, L1_SETS >> Math.min(30, Integer.numberOfTrailingZeros(ldb / LINE_FLOATS)));
        return kc > sets * L1_WAYS / 2;
    }

    /** Copies NR3 floats from each of {@code rows} rows, {@code ld} apart, into rows of NR3 from {@code d}. */
    static void copyRows3(float[] src, int s, int ld, int rows, float[] dst, int d) {
        for (int p = 0; p < rows; p++, s += ld, d += GemmMicroKernel.NR3) {
            FloatVector.fromArray(S, src, s).intoArray(dst, d);
            FloatVector.fromArray(S, src, s + L).intoArray(dst, d + L);
            FloatVector.fromArray(S, src, s + 2 * L).intoArray(dst, d + 2 * L);
        }
    }

    /**
     * Copies NR floats from each of {@code rows} rows, {@code ld} apart, into rows of NR from {@code d}: two
     * vector moves per row rather than one System.arraycopy call per short row, whose fixed cost shows in the
     * products that pack B whole.
     */
    static void copyRows(float[] src, int s, int ld, int rows, float[] dst, int d) {
        for (int p = 0; p < rows; p++, s += ld, d += NR) {
            FloatVector.fromArray(S, src, s).intoArray(dst, d);
            FloatVector.fromArray(S, src, s + L).intoArray(dst, d + L);
        }
    }
}
