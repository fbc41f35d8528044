package org.recurrent4j.kernel;

import static org.recurrent4j.kernel.GemmMicroKernel.NR;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packs a transposed B (op(B)(p, j) = B[j, p]) into kc×NR panels by L×L blocks transposed in registers: L rows
 * of B are loaded as vectors along p, and log2(L) rounds of two-vector interleaves (each a single permute with
 * two sources on AVX-512) turn them into L vectors along j, stored as L rows of the panel. Each round rotates
 * the bits of (row, lane) by one, so log2(L) rounds swap them. Rows of B past the last whole block and depths
 * past the last whole L are copied element by element.
 */
final class GemmTranspose {
    private GemmTranspose() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = VectorShapes.LANES;
    /** Lane 2q takes lane q of the first vector, lane 2q + 1 lane q of the second; HI the same from lane L/2. */
    private static final FloatVector LO = interleave(0);
    private static final FloatVector HI = interleave(L / 2);

    private static FloatVector interleave(int from) {
        float[] index = new float[L];
        for (int q = 0; q < L / 2; q++) {
            index[2 * q] = from + q;
            index[2 * q + 1] = L + from + q;
        }
        return FloatVector.fromArray(S, index, 0);
    }

    /** Packs op(B)[p0 : p0+kc, j0 : j0+nc] for a transposed B as GemmPacking.packB documents, from dst[dOff]. */
    static void packB(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, float[] dst, int dOff) {
        int kv = kc - kc % L;
        for (int jr = 0, panel = dOff; jr < nc; jr += NR, panel += NR * kc) {
            int cols = Math.min(NR, nc - jr);
            int whole = cols - cols % L;
            for (int jj = 0; jj < cols; jj++) {
                int src = bOff + (j0 + jr + jj) * ldb + p0;
                int from = jj < whole ? kv : 0;
                for (int p = from, d = panel + from * NR + jj; p < kc; p++, d += NR) dst[d] = b[src + p];
            }
            for (int jj = 0; jj < whole; jj += L) {
                int src = bOff + (j0 + jr + jj) * ldb + p0;
                for (int p = 0; p < kv; p += L) block(b, src + p, ldb, dst, panel + p * NR + jj, NR);
            }
            for (int p = 0, d = panel; cols < NR && p < kc; p++, d += NR) {
                Arrays.fill(dst, d + cols, d + NR, 0f);
            }
        }
    }

    /**
     * Rows i0 … i1 − 1 of C (ldc) = tᵀ + beta·C, t being n×m with leading dimension ldt: L×L blocks of t are
     * transposed through {@code scratch} (L·L floats) and added a row of C at a time, since reading t down its
     * columns element by element would touch a cache line per element. Each element gets the one operation a
     * scalar loop would give it, so the bits do not depend on the blocking.
     */
    static void addTransposed(int i0, int i1, int n, float[] t, int ldt, float beta, float[] c, int cOff, int ldc,
                              float[] scratch) {
        int iv = i0 + (i1 - i0) / L * L;
        int nv = n / L * L;
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int i = i0; i < iv; i += L) {
            for (int j = 0; j < nv; j += L) {
                block(t, j * ldt + i, ldt, scratch, 0, L);
                for (int q = 0; q < L; q++) {
                    int ci = cOff + (i + q) * ldc + j;
                    FloatVector tv = FloatVector.fromArray(S, scratch, q * L);
                    FloatVector sum = beta == 0f ? tv
                            : beta == 1f ? FloatVector.fromArray(S, c, ci).add(tv)
                            : vb.fma(FloatVector.fromArray(S, c, ci), tv);
                    sum.intoArray(c, ci);
                }
            }
            for (int q = i; q < i + L; q++) addTransposedRow(q, nv, n, t, ldt, beta, c, cOff, ldc);
        }
        for (int q = iv; q < i1; q++) addTransposedRow(q, 0, n, t, ldt, beta, c, cOff, ldc);
    }

    /** Columns j0 … n − 1 of row i of {@link #addTransposed}, element by element. */
    private static void addTransposedRow(int i, int j0, int n, float[] t, int ldt, float beta, float[] c, int cOff,
                                         int ldc) {
        for (int j = j0, ci = cOff + i * ldc + j0; j < n; j++, ci++) {
            float x = t[j * ldt + i];
            c[ci] = beta == 0f ? x : beta == 1f ? c[ci] + x : Math.fma(beta, c[ci], x);
        }
    }

    /** dst rows d, d + dld, … (L of them, L floats each) = the L×L block of b at src (rows ldb apart), transposed. */
    private static void block(float[] b, int src, int ldb, float[] dst, int d, int dld) {
        if (L == 16) transpose16(b, src, ldb, dst, d, dld);
        else if (L == 8) transpose8(b, src, ldb, dst, d, dld);
        else transpose4(b, src, ldb, dst, d, dld);
    }

    /**
     * Copies op(A)[i0 : i0+mc, p0 : p0+kc] of a transposed A (op(A)(i, p) = A[p, i]) row-major with leading
     * dimension kc, the layout of a plain packed A: the tiles then read it as they read any plain A, along
     * contiguous rows.
     */
    static void packA(float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int mv = mc - mc % L;
        int kv = kc - kc % L;
        for (int i = 0; i < mv; i += L) {
            for (int p = 0; p < kv; p += L) block(a, aOff + (p0 + p) * lda + i0 + i, lda, dst, i * kc + p, kc);
            for (int q = 0; q < L; q++) {
                for (int p = kv; p < kc; p++) dst[(i + q) * kc + p] = a[aOff + (p0 + p) * lda + i0 + i + q];
            }
        }
        for (int i = mv; i < mc; i++) {
            for (int p = 0; p < kc; p++) dst[i * kc + p] = a[aOff + (p0 + p) * lda + i0 + i];
        }
    }

    private static void transpose4(float[] b, int src, int ldb, float[] dst, int d, int dld) {
        FloatVector r0 = FloatVector.fromArray(S, b, src + 0 * ldb);
        FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector t0_0 = LO.selectFrom(r0, r2), t0_1 = HI.selectFrom(r0, r2);
        FloatVector t0_2 = LO.selectFrom(r1, r3), t0_3 = HI.selectFrom(r1, r3);
        FloatVector t1_0 = LO.selectFrom(t0_0, t0_2), t1_1 = HI.selectFrom(t0_0, t0_2);
        FloatVector t1_2 = LO.selectFrom(t0_1, t0_3), t1_3 = HI.selectFrom(t0_1, t0_3);
        t1_0.intoArray(dst, d + 0 * dld);
        t1_1.intoArray(dst, d + 1 * dld);
        t1_2.intoArray(dst, d + 2 * dld);
        t1_3.intoArray(dst, d + 3 * dld);
    }

    private static void transpose8(float[] b, int src, int ldb, float[] dst, int d, int dld) {
        FloatVector r0 = FloatVector.fromArray(S, b, src + 0 * ldb);
        FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector t0_0 = LO.selectFrom(r0, r4), t0_1 = HI.selectFrom(r0, r4);
        FloatVector t0_2 = LO.selectFrom(r1, r5), t0_3 = HI.selectFrom(r1, r5);
        FloatVector t0_4 = LO.selectFrom(r2, r6), t0_5 = HI.selectFrom(r2, r6);
        FloatVector t0_6 = LO.selectFrom(r3, r7), t0_7 = HI.selectFrom(r3, r7);
        FloatVector t1_0 = LO.selectFrom(t0_0, t0_4), t1_1 = HI.selectFrom(t0_0, t0_4);
        FloatVector t1_2 = LO.selectFrom(t0_1, t0_5), t1_3 = HI.selectFrom(t0_1, t0_5);
        FloatVector t1_4 = LO.selectFrom(t0_2, t0_6), t1_5 = HI.selectFrom(t0_2, t0_6);
        FloatVector t1_6 = LO.selectFrom(t0_3, t0_7), t1_7 = HI.selectFrom(t0_3, t0_7);
        FloatVector t2_0 = LO.selectFrom(t1_0, t1_4), t2_1 = HI.selectFrom(t1_0, t1_4);
        FloatVector t2_2 = LO.selectFrom(t1_1, t1_5), t2_3 = HI.selectFrom(t1_1, t1_5);
        FloatVector t2_4 = LO.selectFrom(t1_2, t1_6), t2_5 = HI.selectFrom(t1_2, t1_6);
        FloatVector t2_6 = LO.selectFrom(t1_3, t1_7), t2_7 = HI.selectFrom(t1_3, t1_7);
        t2_0.intoArray(dst, d + 0 * dld);
        t2_1.intoArray(dst, d + 1 * dld);
        t2_2.intoArray(dst, d + 2 * dld);
        t2_3.intoArray(dst, d + 3 * dld);
        t2_4.intoArray(dst, d + 4 * dld);
        t2_5.intoArray(dst, d + 5 * dld);
        t2_6.intoArray(dst, d + 6 * dld);
        t2_7.intoArray(dst, d + 7 * dld);
    }

    private static void transpose16(float[] b, int src, int ldb, float[] dst, int d, int dld) {
        FloatVector r0 = FloatVector.fromArray(S, b, src + 0 * ldb);
        FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
        FloatVector t0_0 = LO.selectFrom(r0, r8), t0_1 = HI.selectFrom(r0, r8);
        FloatVector t0_2 = LO.selectFrom(r1, r9), t0_3 = HI.selectFrom(r1, r9);
        FloatVector t0_4 = LO.selectFrom(r2, r10), t0_5 = HI.selectFrom(r2, r10);
        FloatVector t0_6 = LO.selectFrom(r3, r11), t0_7 = HI.selectFrom(r3, r11);
        FloatVector t0_8 = LO.selectFrom(r4, r12), t0_9 = HI.selectFrom(r4, r12);
        FloatVector t0_10 = LO.selectFrom(r5, r13), t0_11 = HI.selectFrom(r5, r13);
        FloatVector t0_12 = LO.selectFrom(r6, r14), t0_13 = HI.selectFrom(r6, r14);
        FloatVector t0_14 = LO.selectFrom(r7, r15), t0_15 = HI.selectFrom(r7, r15);
        FloatVector t1_0 = LO.selectFrom(t0_0, t0_8), t1_1 = HI.selectFrom(t0_0, t0_8);
        FloatVector t1_2 = LO.selectFrom(t0_1, t0_9), t1_3 = HI.selectFrom(t0_1, t0_9);
        FloatVector t1_4 = LO.selectFrom(t0_2, t0_10), t1_5 = HI.selectFrom(t0_2, t0_10);
        FloatVector t1_6 = LO.selectFrom(t0_3, t0_11), t1_7 = HI.selectFrom(t0_3, t0_11);
        FloatVector t1_8 = LO.selectFrom(t0_4, t0_12), t1_9 = HI.selectFrom(t0_4, t0_12);
        FloatVector t1_10 = LO.selectFrom(t0_5, t0_13), t1_11 = HI.selectFrom(t0_5, t0_13);
        FloatVector t1_12 = LO.selectFrom(t0_6, t0_14), t1_13 = HI.selectFrom(t0_6, t0_14);
        FloatVector t1_14 = LO.selectFrom(t0_7, t0_15), t1_15 = HI.selectFrom(t0_7, t0_15);
        FloatVector t2_0 = LO.selectFrom(t1_0, t1_8), t2_1 = HI.selectFrom(t1_0, t1_8);
        FloatVector t2_2 = LO.selectFrom(t1_1, t1_9), t2_3 = HI.selectFrom(t1_1, t1_9);
        FloatVector t2_4 = LO.selectFrom(t1_2, t1_10), t2_5 = HI.selectFrom(t1_2, t1_10);
        FloatVector t2_6 = LO.selectFrom(t1_3, t1_11), t2_7 = HI.selectFrom(t1_3, t1_11);
        FloatVector t2_8 = LO.selectFrom(t1_4, t1_12), t2_9 = HI.selectFrom(t1_4, t1_12);
        FloatVector t2_10 = LO.selectFrom(t1_5, t1_13), t2_11 = HI.selectFrom(t1_5, t1_13);
        FloatVector t2_12 = LO.selectFrom(t1_6, t1_14), t2_13 = HI.selectFrom(t1_6, t1_14);
        FloatVector t2_14 = LO.selectFrom(t1_7, t1_15), t2_15 = HI.selectFrom(t1_7, t1_15);
        FloatVector t3_0 = LO.selectFrom(t2_0, t2_8), t3_1 = HI.selectFrom(t2_0, t2_8);
        FloatVector t3_2 = LO.selectFrom(t2_1, t2_9), t3_3 = HI.selectFrom(t2_1, t2_9);
        FloatVector t3_4 = LO.selectFrom(t2_2, t2_10), t3_5 = HI.selectFrom(t2_2, t2_10);
        FloatVector t3_6 = LO.selectFrom(t2_3, t2_11), t3_7 = HI.selectFrom(t2_3, t2_11);
        FloatVector t3_8 = LO.selectFrom(t2_4, t2_12), t3_9 = HI.selectFrom(t2_4, t2_12);
        FloatVector t3_10 = LO.selectFrom(t2_5, t2_13), t3_11 = HI.selectFrom(t2_5, t2_13);
        FloatVector t3_12 = LO.selectFrom(t2_6, t2_14), t3_13 = HI.selectFrom(t2_6, t2_14);
        FloatVector t3_14 = LO.selectFrom(t2_7, t2_15), t3_15 = HI.selectFrom(t2_7, t2_15);
        t3_0.intoArray(dst, d + 0 * dld);
        t3_1.intoArray(dst, d + 1 * dld);
        t3_2.intoArray(dst, d + 2 * dld);
        t3_3.intoArray(dst, d + 3 * dld);
        t3_4.intoArray(dst, d + 4 * dld);
        t3_5.intoArray(dst, d + 5 * dld);
        t3_6.intoArray(dst, d + 6 * dld);
        t3_7.intoArray(dst, d + 7 * dld);
        t3_8.intoArray(dst, d + 8 * dld);
        t3_9.intoArray(dst, d + 9 * dld);
        t3_10.intoArray(dst, d + 10 * dld);
        t3_11.intoArray(dst, d + 11 * dld);
        t3_12.intoArray(dst, d + 12 * dld);
        t3_13.intoArray(dst, d + 13 * dld);
        t3_14.intoArray(dst, d + 14 * dld);
        t3_15.intoArray(dst, d + 15 * dld);
    }
}
