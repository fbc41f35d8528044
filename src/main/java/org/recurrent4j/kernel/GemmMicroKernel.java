package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernels: one MR×NR tile of C, NR being two whole vectors, or an MR×L tile
 * (one vector) for a narrow last column of tiles, or an MR×NR3 tile (three vectors) for products whose columns
 * fill three vectors better than two, or a whole MR×2NR tile over two panels of B ({@link #tileWholePair}); and
 * an MR×NR tile of Cᵀ stored into C transposed. Each step over k loads one row of the packed op(B) panel (of
 * both panels for the pair), broadcasts MR elements of op(A) and issues independent FMAs into twelve (eighteen,
 * twenty-four) accumulators; C is read and written once, after the k loop.
 *
 * <p>op(A)(r, p) of the slice is {@code a[aIdx + r·rs + p·ps]}, so the kernels read alike a packed row-major
 * block (rs = its width, ps = 1), a packed panel of a transposed A (rs = 1, ps = its width), A in place
 * (rs = lda, ps = 1) or a transposed A in place (rs = 1, ps = lda); {@link #tileWholeContiguous},
 * {@link #tileWholePair} and {@link #tile3Whole} take only ps = 1.
 * Row p of the op(B) panel is {@code b[bIdx + p·NR]}, zero-padded past the last column. Edge tiles run the full
 * kernel: rows past {@code rows} re-read the last valid row, and only the valid rows×cols corner is written.
 */
final class GemmMicroKernel {
    private GemmMicroKernel() {}

    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = VectorShapes.LANES;
    /** Rows of a tile: six rows of two vectors keep 12 accumulators, 2 loads and a broadcast in 16 registers. */
    static final int MR = GemmTuning.MR;
    /** Columns of a wide tile (two vectors); also the row length of a packed B panel. */
    static final int NR = 2 * L;

    /** An MR×NR tile; {@code rows} ≤ MR and {@code cols} ≤ NR say how much of it is C. */
    static void tile(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, float[] c, int cIdx, int ldc,
                     int rows, int cols, float alpha, float beta, float[] spill) {
        int last = rows - 1;
        int o1 = Math.min(1, last) * rs;
        int o2 = Math.min(2, last) * rs;
        int o3 = Math.min(3, last) * rs;
        int o4 = Math.min(4, last) * rs;
        int o5 = Math.min(5, last) * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p * ps;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
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
        storeTile(spill, NR, c, cIdx, ldc, rows, cols, alpha, beta);
    }

    /**
     * An MR×NR tile of Cᵀ, stored into C transposed: C(j, r) = alpha·tile(r, j) + beta·C(j, r) for r < rows and
     * j < NR. Row p of the vector operand is {@code b[bIdx + p·bs]}, so it can be a matrix read in place. Each
     * element is the sum, in the same order and with the same roundings, that {@link #tile} computes for C.
     * Unless null, {@code copy} receives the k×NR operand rows as they are read (row p at p·NR), so that the
     * next tiles over them read a contiguous copy.
     */
    static void tileTransposed(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, int bs,
                               float[] copy, float[] c, int cIdx, int ldc, int rows, float alpha, float beta,
                               float[] spill) {
        accumulate(k, a, aIdx, rs, ps, b, bIdx, bs, copy, rows, spill);
        // Row by row of C, whose elements here are adjacent.
        boolean add = beta != 0f;
        for (int j = 0, ci = cIdx; j < NR; j++, ci += ldc) {
            for (int r = 0, si = j; r < rows; r++, si += NR) {
                float v = alpha * spill[si];
                c[ci + r] = add ? Math.fma(beta, c[ci + r], v) : v;
            }
        }
    }

    /**
     * The k loop of an MR×NR tile into the spill tile (row stride NR); row p of op(B) at b[bIdx + p·bs], copied
     * to {@code copy} (row p at p·NR) unless that is null. {@link #tile} keeps its own copy of the loop, because
     * C2 does not inline this one into it.
     */
    private static void accumulate(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, int bs,
                                   float[] copy, int rows, float[] spill) {
        int last = rows - 1;
        int o1 = Math.min(1, last) * rs;
        int o2 = Math.min(2, last) * rs;
        int o3 = Math.min(3, last) * rs;
        int o4 = Math.min(4, last) * rs;
        int o5 = Math.min(5, last) * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p * ps;
            int bi = bIdx + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            if (copy != null) {
                b0.intoArray(copy, p * NR);
                b1.intoArray(copy, p * NR + L);
            }
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
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
    }

    /**
     * A whole MR×NR tile with alpha = 1 and beta 0 or 1 (every product of the training step): the accumulators
     * go straight to C, added to it when {@code accumulate}, without the spill tile, whose round trip costs most
     * in short products. The sums are those of {@link #tile} bit for bit; only the stores differ. Edge tiles keep
     * the spill, because masked stores here make C2 box the vectors in some compilations. The k loop is a copy of
     * tile's, because one method storing either way compiles worse. Tiles whose rows of op(A) are contiguous take
     * {@link #tileWholeContiguous}.
     */
    static void tileWhole(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, float[] c, int cIdx,
                          int ldc, boolean accumulate) {
        int o1 = rs, o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p * ps;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
        int i1 = cIdx + ldc, i2 = i1 + ldc, i3 = i2 + ldc, i4 = i3 + ldc, i5 = i4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, cIdx));
            c01 = c01.add(FloatVector.fromArray(S, c, cIdx + L));
            c10 = c10.add(FloatVector.fromArray(S, c, i1));
            c11 = c11.add(FloatVector.fromArray(S, c, i1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, i2));
            c21 = c21.add(FloatVector.fromArray(S, c, i2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, i3));
            c31 = c31.add(FloatVector.fromArray(S, c, i3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, i4));
            c41 = c41.add(FloatVector.fromArray(S, c, i4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, i5));
            c51 = c51.add(FloatVector.fromArray(S, c, i5 + L));
        }
        c00.intoArray(c, cIdx);
        c01.intoArray(c, cIdx + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
    }

    /**
     * {@link #tileWhole} for rows of op(A) that are contiguous (ps = 1: A not transposed, packed or in place),
     * the same sums bit for bit. With the index p plus a loop invariant, C2 hoists the bounds checks of the six
     * broadcasts out of the loop, which it cannot do for a stride known only at run time. Packed transposed A is
     * transposed while packed so that its tiles take this kernel too (see perf-reports/ for what each gained).
     */
    static void tileWholeContiguous(int k, float[] a, int aIdx, int rs, float[] b, int bIdx, float[] c,
                                    int cIdx, int ldc, boolean accumulate) {
        int o1 = rs, o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
        int i1 = cIdx + ldc, i2 = i1 + ldc, i3 = i2 + ldc, i4 = i3 + ldc, i5 = i4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, cIdx));
            c01 = c01.add(FloatVector.fromArray(S, c, cIdx + L));
            c10 = c10.add(FloatVector.fromArray(S, c, i1));
            c11 = c11.add(FloatVector.fromArray(S, c, i1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, i2));
            c21 = c21.add(FloatVector.fromArray(S, c, i2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, i3));
            c31 = c31.add(FloatVector.fromArray(S, c, i3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, i4));
            c41 = c41.add(FloatVector.fromArray(S, c, i4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, i5));
            c51 = c51.add(FloatVector.fromArray(S, c, i5 + L));
        }
        c00.intoArray(c, cIdx);
        c01.intoArray(c, cIdx + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
    }

    /**
     * {@link #tileWholeContiguous} for five rows of A: a 5 × NR tile with 10 accumulators, for row counts that
     * fill fives better than sixes ({@link GemmTuning#tileRows}). The sums are those of the six-row tile bit for
     * bit.
     */
    static void tileWhole5Contiguous(int k, float[] a, int aIdx, int rs, float[] b, int bIdx, float[] c,
                                     int cIdx, int ldc, boolean accumulate) {
        int o1 = rs, o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
        }
        int i1 = cIdx + ldc, i2 = i1 + ldc, i3 = i2 + ldc, i4 = i3 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, cIdx));
            c01 = c01.add(FloatVector.fromArray(S, c, cIdx + L));
            c10 = c10.add(FloatVector.fromArray(S, c, i1));
            c11 = c11.add(FloatVector.fromArray(S, c, i1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, i2));
            c21 = c21.add(FloatVector.fromArray(S, c, i2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, i3));
            c31 = c31.add(FloatVector.fromArray(S, c, i3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, i4));
            c41 = c41.add(FloatVector.fromArray(S, c, i4 + L));
        }
        c00.intoArray(c, cIdx);
        c01.intoArray(c, cIdx + L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
    }

    /**
     * {@link #tileWholeContiguous} over two panels of op(B) at once (bIdx, and bIdx2 for columns NR to 2·NR − 1
     * of C): an MR×2NR tile (6 × 64 at 16 lanes) with 24 accumulators, 6 broadcasts and 4 loads per 24 FMAs, the
     * same sums bit for bit. Each broadcast and each step's loop overhead serve twice the FMAs. It needs 32
     * vector registers ({@link GemmTuning#pairTiles}). The stores of C are written out rather than left to a
     * helper taking four vectors, which C2 does not inline and would box the vectors for.
     */
    static void tileWholePair(int k, float[] a, int aIdx, int rs, float[] b, int bIdx, int bIdx2, float[] c,
                              int cIdx, int ldc, boolean accumulate) {
        int o1 = rs, o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c42 = FloatVector.zero(S), c43 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c52 = FloatVector.zero(S), c53 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p;
            int bi = bIdx + p * NR;
            int bj = bIdx2 + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bj);
            FloatVector b3 = FloatVector.fromArray(S, b, bj + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            c43 = b3.fma(x, c43);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            c52 = b2.fma(x, c52);
            c53 = b3.fma(x, c53);
        }
        int i1 = cIdx + ldc, i2 = i1 + ldc, i3 = i2 + ldc, i4 = i3 + ldc, i5 = i4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, cIdx));
            c01 = c01.add(FloatVector.fromArray(S, c, cIdx + L));
            c02 = c02.add(FloatVector.fromArray(S, c, cIdx + 2 * L));
            c03 = c03.add(FloatVector.fromArray(S, c, cIdx + 3 * L));
            c10 = c10.add(FloatVector.fromArray(S, c, i1));
            c11 = c11.add(FloatVector.fromArray(S, c, i1 + L));
            c12 = c12.add(FloatVector.fromArray(S, c, i1 + 2 * L));
            c13 = c13.add(FloatVector.fromArray(S, c, i1 + 3 * L));
            c20 = c20.add(FloatVector.fromArray(S, c, i2));
            c21 = c21.add(FloatVector.fromArray(S, c, i2 + L));
            c22 = c22.add(FloatVector.fromArray(S, c, i2 + 2 * L));
            c23 = c23.add(FloatVector.fromArray(S, c, i2 + 3 * L));
            c30 = c30.add(FloatVector.fromArray(S, c, i3));
            c31 = c31.add(FloatVector.fromArray(S, c, i3 + L));
            c32 = c32.add(FloatVector.fromArray(S, c, i3 + 2 * L));
            c33 = c33.add(FloatVector.fromArray(S, c, i3 + 3 * L));
            c40 = c40.add(FloatVector.fromArray(S, c, i4));
            c41 = c41.add(FloatVector.fromArray(S, c, i4 + L));
            c42 = c42.add(FloatVector.fromArray(S, c, i4 + 2 * L));
            c43 = c43.add(FloatVector.fromArray(S, c, i4 + 3 * L));
            c50 = c50.add(FloatVector.fromArray(S, c, i5));
            c51 = c51.add(FloatVector.fromArray(S, c, i5 + L));
            c52 = c52.add(FloatVector.fromArray(S, c, i5 + 2 * L));
            c53 = c53.add(FloatVector.fromArray(S, c, i5 + 3 * L));
        }
        c00.intoArray(c, cIdx);
        c01.intoArray(c, cIdx + L);
        c02.intoArray(c, cIdx + 2 * L);
        c03.intoArray(c, cIdx + 3 * L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c12.intoArray(c, i1 + 2 * L);
        c13.intoArray(c, i1 + 3 * L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c22.intoArray(c, i2 + 2 * L);
        c23.intoArray(c, i2 + 3 * L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c32.intoArray(c, i3 + 2 * L);
        c33.intoArray(c, i3 + 3 * L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c42.intoArray(c, i4 + 2 * L);
        c43.intoArray(c, i4 + 3 * L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
        c52.intoArray(c, i5 + 2 * L);
        c53.intoArray(c, i5 + 3 * L);
    }

    /** Columns of a three-vector tile; also the row length of its packed B panel. */
    static final int NR3 = 3 * L;

    /**
     * An MR×NR3 tile (18 accumulators, 9 loads per 18 FMAs), for products whose columns fill three vectors
     * better than two (50 columns: 48 on these tiles and two by dot products, instead of 64 lanes on two
     * two-vector tiles). Row p of the op(B) panel is {@code b[bIdx + p·NR3]}; C is written through {@code spill}
     * (MR×NR3). Whole tiles with alpha 1 and beta 0 or 1 take {@link #tile3Whole} instead.
     */
    static void tile3(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, float[] c, int cIdx, int ldc,
                      int rows, int cols, float alpha, float beta, float[] spill) {
        int last = rows - 1;
        int o1 = Math.min(1, last) * rs;
        int o2 = Math.min(2, last) * rs;
        int o3 = Math.min(3, last) * rs;
        int o4 = Math.min(4, last) * rs;
        int o5 = Math.min(5, last) * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00;
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p * ps;
            int bi = bIdx + p * NR3;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            c52 = b2.fma(x, c52);
        }
        c00.intoArray(spill, 0);
        c01.intoArray(spill, L);
        c02.intoArray(spill, 2 * L);
        c10.intoArray(spill, NR3);
        c11.intoArray(spill, NR3 + L);
        c12.intoArray(spill, NR3 + 2 * L);
        c20.intoArray(spill, 2 * NR3);
        c21.intoArray(spill, 2 * NR3 + L);
        c22.intoArray(spill, 2 * NR3 + 2 * L);
        c30.intoArray(spill, 3 * NR3);
        c31.intoArray(spill, 3 * NR3 + L);
        c32.intoArray(spill, 3 * NR3 + 2 * L);
        c40.intoArray(spill, 4 * NR3);
        c41.intoArray(spill, 4 * NR3 + L);
        c42.intoArray(spill, 4 * NR3 + 2 * L);
        c50.intoArray(spill, 5 * NR3);
        c51.intoArray(spill, 5 * NR3 + L);
        c52.intoArray(spill, 5 * NR3 + 2 * L);
        storeTile(spill, NR3, c, cIdx, ldc, rows, cols, alpha, beta);
    }

    /**
     * A whole MR×NR3 tile with alpha 1 and beta 0 or 1, its rows of op(A) contiguous, stored straight to C as
     * {@link #tileWhole} does; the same sums as {@link #tile3}. Its own method, with every store written out,
     * for the same reason: with both ways of storing in one method, or the stores of a row in a helper taking
     * the vectors, C2 boxes the vectors.
     */
    static void tile3Whole(int k, float[] a, int aIdx, int rs, float[] b, int bIdx, float[] c, int cIdx,
                           int ldc, boolean accumulate) {
        int o1 = rs, o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00;
        for (int p = 0; p < k; p++) {
            int ai = aIdx + p;
            int bi = bIdx + p * NR3;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, a[ai + o1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, a[ai + o2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, a[ai + o3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            x = FloatVector.broadcast(S, a[ai + o4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            x = FloatVector.broadcast(S, a[ai + o5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            c52 = b2.fma(x, c52);
        }
        int i1 = cIdx + ldc, i2 = i1 + ldc, i3 = i2 + ldc, i4 = i3 + ldc, i5 = i4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, cIdx));
            c01 = c01.add(FloatVector.fromArray(S, c, cIdx + L));
            c02 = c02.add(FloatVector.fromArray(S, c, cIdx + 2 * L));
            c10 = c10.add(FloatVector.fromArray(S, c, i1));
            c11 = c11.add(FloatVector.fromArray(S, c, i1 + L));
            c12 = c12.add(FloatVector.fromArray(S, c, i1 + 2 * L));
            c20 = c20.add(FloatVector.fromArray(S, c, i2));
            c21 = c21.add(FloatVector.fromArray(S, c, i2 + L));
            c22 = c22.add(FloatVector.fromArray(S, c, i2 + 2 * L));
            c30 = c30.add(FloatVector.fromArray(S, c, i3));
            c31 = c31.add(FloatVector.fromArray(S, c, i3 + L));
            c32 = c32.add(FloatVector.fromArray(S, c, i3 + 2 * L));
            c40 = c40.add(FloatVector.fromArray(S, c, i4));
            c41 = c41.add(FloatVector.fromArray(S, c, i4 + L));
            c42 = c42.add(FloatVector.fromArray(S, c, i4 + 2 * L));
            c50 = c50.add(FloatVector.fromArray(S, c, i5));
            c51 = c51.add(FloatVector.fromArray(S, c, i5 + L));
            c52 = c52.add(FloatVector.fromArray(S, c, i5 + 2 * L));
        }
        c00.intoArray(c, cIdx);
        c01.intoArray(c, cIdx + L);
        c02.intoArray(c, cIdx + 2 * L);
        c10.intoArray(c, i1);
        c11.intoArray(c, i1 + L);
        c12.intoArray(c, i1 + 2 * L);
        c20.intoArray(c, i2);
        c21.intoArray(c, i2 + L);
        c22.intoArray(c, i2 + 2 * L);
        c30.intoArray(c, i3);
        c31.intoArray(c, i3 + L);
        c32.intoArray(c, i3 + 2 * L);
        c40.intoArray(c, i4);
        c41.intoArray(c, i4 + L);
        c42.intoArray(c, i4 + 2 * L);
        c50.intoArray(c, i5);
        c51.intoArray(c, i5 + L);
        c52.intoArray(c, i5 + 2 * L);
    }

    /**
     * An MR×L tile, for a last column of tiles at most one vector wide ({@code cols} ≤ L). Two accumulators per
     * row, over even and odd p, keep twelve FMAs in flight.
     */
    static void tileNarrow(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, float[] c, int cIdx,
                           int ldc, int rows, int cols, float alpha, float beta, float[] spill) {
        int last = rows - 1;
        int o1 = Math.min(1, last) * rs;
        int o2 = Math.min(2, last) * rs;
        int o3 = Math.min(3, last) * rs;
        int o4 = Math.min(4, last) * rs;
        int o5 = Math.min(5, last) * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int p = 0;
        for (; p + 1 < k; p += 2) {
            int ai = aIdx + p * ps;
            int aj = ai + ps;
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + NR);
            c00 = b0.fma(FloatVector.broadcast(S, a[ai]), c00);
            c01 = b1.fma(FloatVector.broadcast(S, a[aj]), c01);
            c10 = b0.fma(FloatVector.broadcast(S, a[ai + o1]), c10);
            c11 = b1.fma(FloatVector.broadcast(S, a[aj + o1]), c11);
            c20 = b0.fma(FloatVector.broadcast(S, a[ai + o2]), c20);
            c21 = b1.fma(FloatVector.broadcast(S, a[aj + o2]), c21);
            c30 = b0.fma(FloatVector.broadcast(S, a[ai + o3]), c30);
            c31 = b1.fma(FloatVector.broadcast(S, a[aj + o3]), c31);
            c40 = b0.fma(FloatVector.broadcast(S, a[ai + o4]), c40);
            c41 = b1.fma(FloatVector.broadcast(S, a[aj + o4]), c41);
            c50 = b0.fma(FloatVector.broadcast(S, a[ai + o5]), c50);
            c51 = b1.fma(FloatVector.broadcast(S, a[aj + o5]), c51);
        }
        if (p < k) {
            int ai = aIdx + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, b, bIdx + p * NR);
            c00 = b0.fma(FloatVector.broadcast(S, a[ai]), c00);
            c10 = b0.fma(FloatVector.broadcast(S, a[ai + o1]), c10);
            c20 = b0.fma(FloatVector.broadcast(S, a[ai + o2]), c20);
            c30 = b0.fma(FloatVector.broadcast(S, a[ai + o3]), c30);
            c40 = b0.fma(FloatVector.broadcast(S, a[ai + o4]), c40);
            c50 = b0.fma(FloatVector.broadcast(S, a[ai + o5]), c50);
        }
        c00.add(c01).intoArray(spill, 0);
        c10.add(c11).intoArray(spill, NR);
        c20.add(c21).intoArray(spill, 2 * NR);
        c30.add(c31).intoArray(spill, 3 * NR);
        c40.add(c41).intoArray(spill, 4 * NR);
        c50.add(c51).intoArray(spill, 5 * NR);
        storeTile(spill, NR, c, cIdx, ldc, rows, cols, alpha, beta);
    }

    /**
     * C = alpha·tile + beta·C over the valid rows×cols corner of a spilled tile (row stride width); with beta = 0
     * the old C is never read. The accumulators go through the spill tile rather than straight to C so that
     * the kernels stay small enough for C2 to inline every vector operation (past its node budget, vectors
     * would be boxed); the extra 12 stores and loads per tile are noise next to the k·12 FMAs.
     */
    private static void storeTile(float[] spill, int width, float[] c, int cIdx, int ldc, int rows, int cols,
                                  float alpha, float beta) {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        for (int r = 0; r < rows; r++) {
            int ci = cIdx + r * ldc;
            int si = r * width;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector v = FloatVector.fromArray(S, spill, si + j).mul(alpha);
                if (beta == 1f) v = v.add(FloatVector.fromArray(S, c, ci + j));
                else if (beta != 0f) v = FloatVector.fromArray(S, c, ci + j).fma(betaV, v);
                v.intoArray(c, ci + j);
            }
            for (; j < cols; j++) {
                float v = alpha * spill[si + j];
                c[ci + j] = beta == 0f ? v : Math.fma(beta, c[ci + j], v);
            }
        }
    }
}
