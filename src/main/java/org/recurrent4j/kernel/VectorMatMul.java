package org.recurrent4j.kernel;

import static org.recurrent4j.kernel.GemmMicroKernel.MR;
import static org.recurrent4j.kernel.GemmMicroKernel.NR;
import static org.recurrent4j.kernel.GemmMicroKernel.NR3;

/**
 * Vector API matrix products. A product with one column or one row runs as a matrix-vector kernel. When op(B)
 * is small, it is packed whole and A is read in place, because packing A would cost a large share of a product
 * with few columns (the recurrent steps: m = 512, k = 192, n = 32 to 50); shapes that would waste lanes on
 * two-vector tiles or read A poorly in place take their own paths ({@link #usesWideTiles},
 * {@link #transposesBetter}, {@link #swapsTransposedA}). Anything larger is blocked for the caches and packed,
 * as BLIS does. Where rows of op(A) are contiguous, whole tiles take two panels of B at once ({@link #tilePair}).
 * Large products split their rows across the {@link KernelThreads} pool; see {@link #bandRows}.
 */
final class VectorMatMul extends MatMul {

    // Block sizes and thresholds come from the CPU (see GemmTuning, and perf-reports/ for what each was
    // measured to gain); static final, so that C2 folds them into the loops.
    static final GemmTuning TUNING = GemmTuning.forLanes(VectorShapes.LANES);
    static final int KC = TUNING.kc();
    static final int MC = TUNING.mc();
    static final int NC = TUNING.nc();
    static final int DIRECT_MAX_B = TUNING.directMaxB();
    static final long PARALLEL_MIN_MULADDS = TUNING.parallelMinMulAdds();
    static final boolean PAIRS = TUNING.pairTiles();
    static final boolean WIDE = TUNING.wideTiles();
    static final boolean PACK_TRANSPOSED_A = TUNING.packTransposedA();
    private static final int L2_SETS = TUNING.l2Sets();
    private static final int L2_WAYS = TUNING.caches().l2Ways();
    private static final int LINE_FLOATS = TUNING.caches().line() / Float.BYTES;

    /** The ways a product runs; see {@link #path}. */
    enum Path { SCALE, COLUMN, ROW, TRANSPOSED, WIDE, DIRECT, PACKED }

    /** Which way a product with these shapes runs (alpha ≠ 0 and k > 0 unless SCALE). */
    static Path path(boolean transA, boolean transB, int m, int n, int k, float alpha, int lda, int ldb) {
        if (k == 0 || alpha == 0f) return Path.SCALE;
        if (n == 1) return Path.COLUMN;
        if (m == 1) return Path.ROW;
        if (!packsBWhole(n, k) || swapsTransposedA(transA, transB, m, n)) return Path.PACKED;
        if (transA && transposesBetter(m, n, k, lda, transB, ldb)) return Path.TRANSPOSED;
        if (usesWideTiles(transA, transB, n)) return Path.WIDE;
        return Path.DIRECT;
    }

    @Override
    void gemmUnchecked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        switch (path(transA, transB, m, n, k, alpha, lda, ldb)) {
            case SCALE -> {
                for (int i = 0; i < m; i++) GemvKernel.scale(n, beta, c, cOff + i * ldc);
            }
            case COLUMN -> column(transA, transB, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            case ROW -> row(transA, transB, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff);
            case TRANSPOSED -> directTransposed(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                    ldc);
            case WIDE -> directWide(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            case DIRECT -> direct(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            case PACKED -> {
                if (transA && !transB && m >= 2 * n) packedSwapped(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                else packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
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

    /** Panels of NR columns, k rows each, zero-padded: the layout the direct path packs B into. */
    @Override
    int packedSize(int k, int n) {
        return k * roundUp(n, NR);
    }

    @Override
    void packUnchecked(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] dst) {
        GemmPacking.packB(transB, b, bOff, ldb, 0, k, 0, n, dst);
    }

    @Override
    int tileRows(int rows) {
        return TUNING.tileRows(rows);
    }

    /**
     * Panel by panel of B, every tile of rows: each k×NR panel is read from wherever it lies once and then
     * stays in L1 while the tiles of A, which is small here (a batch of rows), stream past it from L2. This
     * order keeps a packed operand larger than L2 (a recurrent matrix at H = 512) from being read once per
     * tile of rows. The tiles are five rows high where the rows fill fives better ({@link GemmTuning#tileRows}).
     */
    @Override
    void gemmPackedUnchecked(int m, float[] a, int aOff, int lda, float[] pb, int k, int n, float beta, float[] c,
                             int cOff, int ldc) {
        if (k == 0) {
            for (int i = 0; i < m; i++) GemvKernel.scale(n, beta, c, cOff + i * ldc);
            return;
        }
        float[] spill = GemmBuffers.get().spill();
        boolean whole = beta == 0f || beta == 1f;
        int tileRows = TUNING.tileRows(m);
        for (int j = 0; j < n; j += NR) {
            boolean pair = PAIRS && n - j >= 2 * NR;
            int step = pair ? MR : tileRows;
            for (int i = 0; i < m; i += step) {
                int rows = Math.min(step, m - i);
                int ai = aOff + i * lda;
                int ci = cOff + i * ldc + j;
                if (pair) {
                    tilePair(k, a, ai, lda, pb, j * k, c, ci, ldc, rows, 1f, beta, spill);
                } else if (whole && rows == MR && n - j >= NR) {
                    GemmMicroKernel.tileWholeContiguous(k, a, ai, lda, pb, j * k, c, ci, ldc, beta == 1f);
                } else if (whole && rows == 5 && n - j >= NR) {
                    GemmMicroKernel.tileWhole5Contiguous(k, a, ai, lda, pb, j * k, c, ci, ldc, beta == 1f);
                } else {
                    tile(k, a, ai, lda, 1, pb, j * k, c, ci, ldc, rows, Math.min(NR, n - j), 1f, beta, spill);
                }
            }
            if (pair) j += NR;
        }
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
     * A small op(B): it is packed whole, and A is read in place, MR rows of op(A) at a time; those stay in cache
     * while the tiles sweep across B, which stays in L2. A transposed A is read in place too (down k rows of A,
     * MR adjacent floats from each) unless those rows would collide in L2, when it is copied PANEL columns at a
     * time instead; the copy costs about a quarter of a 512×32×192 product, which is why it is avoided.
     * Bands of rows go to the kernel threads, which all read the one packed B.
     */
    private static void direct(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        float[] pb = GemmBuffers.get().packedB(k * roundUp(n, NR));
        GemmPacking.packB(transB, b, bOff, ldb, 0, k, 0, n, pb);
        int band = bandRows(m, n, k);
        if (band >= m) {
            directRows(transA, 0, m, n, k, alpha, a, aOff, lda, pb, beta, c, cOff, ldc);
        } else {
            KernelThreads.run((m + band - 1) / band, part -> directRows(transA, part * band,
                    Math.min(m, (part + 1) * band), n, k, alpha, a, aOff, lda, pb, beta, c, cOff, ldc));
        }
    }

    /** Rows i0 … i1 − 1 of a direct product, with this thread's scratch. */
    private static void directRows(boolean transA, int i0, int i1, int n, int k, float alpha, float[] a, int aOff,
                                   int lda, float[] pb, float beta, float[] c, int cOff, int ldc) {
        GemmBuffers buffers = GemmBuffers.get();
        float[] spill = buffers.spill();
        boolean copyA = transA && !columnsStayInL2(k, lda);
        float[] pa = copyA ? buffers.packedA(GemmPacking.PANEL * k) : a;
        int rs = transA ? 1 : lda;
        int ps = copyA ? GemmPacking.PANEL : transA ? lda : 1;
        for (int ib = i0; ib < i1; ib += GemmPacking.PANEL) {
            int w = Math.min(GemmPacking.PANEL, i1 - ib);
            int ai = aOff + ib * rs;
            if (copyA) {
                GemmPacking.packA(true, a, aOff, lda, ib, w, 0, k, pa);
                ai = 0;
            }
            for (int ir = 0; ir < w; ir += MR) {
                int ci = cOff + (ib + ir) * ldc;
                for (int j = 0; j < n; j += NR) {
                    if (PAIRS && ps == 1 && n - j >= 2 * NR) {
                        tilePair(k, pa, ai + ir * rs, rs, pb, j * k, c, ci + j, ldc, Math.min(MR, w - ir), alpha,
                                beta, spill);
                        j += NR; // the second panel is done too
                    } else {
                        tile(k, pa, ai + ir * rs, rs, ps, pb, j * k, c, ci + j, ldc, Math.min(MR, w - ir),
                                Math.min(NR, n - j), alpha, beta, spill);
                    }
                }
            }
        }
    }

    /** At most this many columns past the three-vector tiles go to dot products; see {@link #usesWideTiles}. */
    static final int DOT_COLUMNS = 2;

    /**
     * Whether a plain product's columns are better covered by three-vector tiles and a few dot products than by
     * two-vector tiles: when they do not fill two-vector tiles and at most DOT_COLUMNS are left past the
     * three-vector ones (50 columns at 16 lanes: 48 + 2 rather than 64 lanes of which 14 are padding).
     */
    static boolean usesWideTiles(boolean transA, boolean transB, int n) {
        return WIDE && !transA && !transB && n % NR != 0 && n >= NR3 && n % NR3 <= DOT_COLUMNS;
    }

    /**
     * C = alpha·A·B + beta·C by {@link #usesWideTiles}: B's first columns packed whole in panels of NR3, the
     * rest transposed (each column contiguous), A read in place. For each MR rows of A, the three-vector tiles
     * and then the dot products of those rows with the last columns, while the rows are still in L1.
     */
    private static void directWide(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                                   int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int wide = n - n % NR3;
        float[] pb = GemmBuffers.get().packedB(k * n);
        for (int j = 0; j < wide; j += NR3) GemmPacking.copyRows3(b, bOff + j, ldb, k, pb, j * k);
        for (int j = wide, d = wide * k; j < n; j++) {
            for (int p = 0, src = bOff + j; p < k; p++, src += ldb) pb[d++] = b[src];
        }
        int band = bandRows(m, n, k);
        if (band >= m) {
            wideRows(0, m, n, k, alpha, a, aOff, lda, pb, beta, c, cOff, ldc);
        } else {
            KernelThreads.run((m + band - 1) / band, part -> wideRows(part * band, Math.min(m, (part + 1) * band),
                    n, k, alpha, a, aOff, lda, pb, beta, c, cOff, ldc));
        }
    }

    /** Rows i0 … i1 − 1 of a product by {@link #directWide}. */
    private static void wideRows(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda, float[] pb,
                                 float beta, float[] c, int cOff, int ldc) {
        float[] spill = GemmBuffers.get().spill();
        int wide = n - n % NR3;
        for (int i = i0; i < i1; i += MR) {
            int rows = Math.min(MR, i1 - i);
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            boolean whole = rows == MR && alpha == 1f && (beta == 0f || beta == 1f);
            for (int j = 0; j < wide; j += NR3) {
                if (whole) {
                    GemmMicroKernel.tile3Whole(k, a, ai, lda, pb, j * k, c, ci + j, ldc, beta == 1f);
                } else {
                    GemmMicroKernel.tile3(k, a, ai, lda, 1, pb, j * k, c, ci + j, ldc, rows, NR3, alpha, beta,
                            spill);
                }
            }
            if (wide < n) {
                GemvKernel.dotRows6(rows, n - wide, k, alpha, a, ai, lda, pb, wide * k, (n - 1) * k, beta, c,
                        ci + wide, ldc, spill);
            }
        }
    }

    /**
     * Whether a product with a transposed A and few columns wastes fewer lanes computed as Cᵀ = op(B)ᵀ·A: its
     * tiles then run MR columns of C by NR rows, with A read in place as the vector operand (row p of A holds
     * op(A)(·, p) contiguously) and op(B) broadcast. With n = 50 and NR = 32 the usual tiles compute 64 columns
     * for 50, the transposed ones 54. Both operands are read in place down k rows, so both strides must keep
     * those rows apart in L2 ({@link #columnsStayInL2}).
     */
    static boolean transposesBetter(int m, int n, int k, int lda, boolean transB, int ldb) {
        return m >= NR && roundUp(n, MR) < roundUp(n, NR) && columnsStayInL2(k, lda)
                && (transB || columnsStayInL2(k, ldb));
    }

    /**
     * C = alpha·Aᵀ·op(B) + beta·C for the rows of C that fill whole strips of NR, by {@link #transposesBetter}:
     * each tile covers NR rows and MR columns of C, computing exactly the sums the usual tiles would. Strips go
     * to the kernel threads; the last m mod NR rows take the usual direct path.
     */
    private static void directTransposed(boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                                         int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
                                         int ldc) {
        int strips = m / NR;
        int full = strips * NR;
        int perPart = Math.max(1, bandRows(full, n, k) / NR);
        if (perPart >= strips) {
            transposedStrips(transB, 0, strips, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            KernelThreads.run((strips + perPart - 1) / perPart, part -> transposedStrips(transB, part * perPart,
                    Math.min(strips, (part + 1) * perPart), n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                    ldc));
        }
        if (full < m) {
            direct(true, transB, m - full, n, k, alpha, a, aOff + full, lda, b, bOff, ldb, beta, c,
                    cOff + full * ldc, ldc);
        }
    }

    /** Strips s0 … s1 − 1 (rows s·NR to s·NR + NR − 1 of C) of a transposed direct product. */
    private static void transposedStrips(boolean transB, int s0, int s1, int n, int k, float alpha, float[] a,
                                         int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c,
                                         int cOff, int ldc) {
        float[] spill = GemmBuffers.get().spill();
        int rs = transB ? ldb : 1;
        int ps = transB ? 1 : ldb;
        float[] strip = GemmBuffers.get().packedB(k * NR);
        for (int s = s0; s < s1; s++) {
            int row = s * NR;
            for (int col = 0; col < n; col += MR) {
                // The first tile reads the strip of A in place and copies it; a separate copy before the tiles
                // would wait on every line of A it reads, where the tile overlaps those waits with its FMAs.
                boolean first = col == 0;
                GemmMicroKernel.tileTransposed(k, b, bOff + col * rs, rs, ps, first ? a : strip,
                        first ? aOff + row : 0, first ? lda : NR, first ? strip : null, c, cOff + row * ldc + col,
                        ldc, Math.min(MR, n - col), alpha, beta, spill);
            }
        }
    }

    /**
     * Rows per band when a product is split across the kernel threads: all of m (no split) when the product is
     * under PARALLEL_MIN_MULADDS or one thread is set; else about MC rows, so that a thread slowed by other work
     * leaves its bands to the others, sized so that every thread gets the same number of bands (with a last
     * band of MC rows against one of 16, two threads would finish 128 rows apart at m = 1024). Bands are whole
     * tiles (multiples of MR), so every element is computed as on one thread, bit for bit.
     */
    static int bandRows(int m, int n, int k) {
        int threads = KernelThreads.get();
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN_MULADDS) return m;
        int rounds = (m + threads * MC - 1) / (threads * MC);
        int bands = threads * rounds;
        return roundUp((m + bands - 1) / bands, MR);
    }

    /**
     * Whether k rows of a row-major array with leading dimension lda, one cache line from each, fit in half of
     * L2. A stride of 2^t lines reaches only 1/2^t of the sets, so a power-of-two lda can thrash where a
     * slightly different one cannot.
     */
    static boolean columnsStayInL2(int k, int lda) {
        int sets = lda % LINE_FLOATS != 0 ? L2_SETS
                : Math.max(1, L2_SETS >> Math.min(30, Integer.numberOfTrailingZeros(lda / LINE_FLOATS)));
        return (long) k <= (long) sets * L2_WAYS / 2;
    }

    /**
     * The BLIS loop nest: for each NC-column block and KC-deep slice, pack op(B) once; for each MC-row block,
     * pack op(A), which stays in L2; then sweep micro-tiles down each KC×NR panel of B. The first slice applies
     * beta, later ones accumulate. The row blocks of a slice go to the kernel threads, each packing its own
     * blocks of A and all reading the one packed B, as BLIS splits its second loop.
     */
    private static void packed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        float[] pb = GemmBuffers.get().packedB(roundUp(Math.min(NC, n), NR) * Math.min(KC, k));
        int band = bandRows(m, n, k);
        int parts = (m + band - 1) / band;
        int ncStep = evenStep(n, NC, NR);
        int kcStep = evenStep(k, KC, 1);
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                float betaNow = pc == 0 ? beta : 1f;
                packSlice(transB, b, bOff, ldb, pc, kc, jc, nc, pb, parts > 1);
                int cj = cOff + jc;
                if (parts == 1) {
                    packedRows(transA, 0, m, nc, kc, pc, alpha, a, aOff, lda, pb, betaNow, c, cj, ldc);
                } else {
                    int p0 = pc;
                    KernelThreads.run(parts, part -> packedRows(transA, part * band, Math.min(m, (part + 1) * band),
                            nc, kc, p0, alpha, a, aOff, lda, pb, betaNow, c, cj, ldc));
                }
            }
        }
    }

    /**
     * Packs one KC×NC slice of op(B) for {@link #packed}; when the product's rows are split across the kernel
     * threads, so are the slice's panels, which would otherwise keep the other threads waiting while one copies.
     */
    private static void packSlice(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                                  float[] pb, boolean split) {
        int panels = (nc + NR - 1) / NR;
        int shares = split ? Math.min(panels, KernelThreads.get()) : 1;
        if (shares <= 1) {
            GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, pb);
            return;
        }
        int cols = (panels + shares - 1) / shares * NR;
        KernelThreads.run(shares, part -> {
            int j0 = part * cols;
            if (j0 < nc) {
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc + j0, Math.min(cols, nc - j0), pb, j0 * kc);
            }
        });
    }

    /**
     * C = alpha·Aᵀ·B + beta·C for C much taller than wide (a weight gradient over a sequence: m = 4H, n = H, k =
     * the steps' rows): computed as Cᵀ = Bᵀ·A, so that the operand transposed while packed is B's n columns rather
     * than A's m, and added into C transposed. Both operands are read along k, and transposing them in packing is
     * what a transposed product costs beyond a plain one. The transposed sum into C is split across the kernel
     * threads as the product's rows are.
     */
    private static void packedSwapped(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                                      int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        float[] t = GemmBuffers.get().product(m * n);
        packed(true, false, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, 0f, t, 0, m);
        int band = bandRows(m, n, k);
        if (band >= m) {
            GemmTranspose.addTransposed(0, m, n, t, m, beta, c, cOff, ldc, GemmBuffers.get().spill());
        } else {
            int parts = (m + band - 1) / band;
            int rows = roundUp((m + parts - 1) / parts, VectorShapes.LANES);
            KernelThreads.run(parts, part -> GemmTranspose.addTransposed(Math.min(m, part * rows),
                    Math.min(m, (part + 1) * rows), n, t, m, beta, c, cOff, ldc, GemmBuffers.get().spill()));
        }
    }

    /**
     * Rows i0 … i1 − 1 of one packed slice of B, in even blocks of at most MC rows of A ({@link #evenStep}: a
     * last block of a few rows would stream all of packed B for little work), packed in this thread's scratch, or
     * read in place when A is not transposed and its rows are exactly one slice long (lda = kc, so k ≤ KC): the
     * copy would have A's own layout.
     */
    private static void packedRows(boolean transA, int i0, int i1, int nc, int kc, int pc, float alpha,
                                   float[] a, int aOff, int lda, float[] pb, float beta, float[] c, int cOff,
                                   int ldc) {
        GemmBuffers buffers = GemmBuffers.get();
        float[] spill = buffers.spill();
        boolean inPlace = !transA && lda == kc;
        float[] pa = inPlace ? a : buffers.packedA(roundUp(Math.min(MC, i1 - i0), GemmPacking.PANEL) * kc);
        // A transposed A is transposed while packed, so every tile reads contiguous rows of op(A).
        int ps = 1;
        int rs = kc;
        int mcStep = evenStep(i1 - i0, MC, MR);
        for (int ic = i0; ic < i1; ic += mcStep) {
            int mc = Math.min(mcStep, i1 - ic);
            int block = inPlace ? aOff + ic * lda : 0;
            if (transA) GemmTranspose.packA(a, aOff, lda, ic, mc, pc, kc, pa);
            else if (!inPlace) GemmPacking.packA(false, a, aOff, lda, ic, mc, pc, kc, pa);
            for (int jr = 0; jr < nc; jr += NR) {
                int cols = Math.min(NR, nc - jr);
                boolean pair = PAIRS && ps == 1 && nc - jr >= 2 * NR;
                int ci = cOff + ic * ldc + jr;
                for (int ir = 0; ir < mc; ir += MR) {
                    int ai = block + ir * kc;
                    if (pair) {
                        tilePair(kc, pa, ai, rs, pb, jr * kc, c, ci + ir * ldc, ldc, Math.min(MR, mc - ir), alpha,
                                beta, spill);
                    } else {
                        tile(kc, pa, ai, rs, ps, pb, jr * kc, c, ci + ir * ldc, ldc, Math.min(MR, mc - ir), cols,
                                alpha, beta, spill);
                    }
                }
                if (pair) jr += NR;
            }
        }
    }

    /** One tile of C, by the wide kernel or, when at most one vector of columns is left, the narrow one. */
    private static void tile(int k, float[] a, int aIdx, int rs, int ps, float[] b, int bIdx, float[] c, int cIdx,
                             int ldc, int rows, int cols, float alpha, float beta, float[] spill) {
        if (rows == MR && cols == NR && alpha == 1f && (beta == 0f || beta == 1f)) {
            if (ps == 1) GemmMicroKernel.tileWholeContiguous(k, a, aIdx, rs, b, bIdx, c, cIdx, ldc, beta == 1f);
            else GemmMicroKernel.tileWhole(k, a, aIdx, rs, ps, b, bIdx, c, cIdx, ldc, beta == 1f);
        } else if (cols > VectorShapes.LANES) {
            GemmMicroKernel.tile(k, a, aIdx, rs, ps, b, bIdx, c, cIdx, ldc, rows, cols, alpha, beta, spill);
        } else {
            GemmMicroKernel.tileNarrow(k, a, aIdx, rs, ps, b, bIdx, c, cIdx, ldc, rows, cols, alpha, beta, spill);
        }
    }

    /**
     * The tiles of C over two adjacent whole panels of packed op(B) (panel at bIdx, the next NR·k further), for
     * rows of op(A) that are contiguous (ps = 1): one {@link GemmMicroKernel#tileWholePair} when the tile is
     * whole, else a tile per panel.
     */
    private static void tilePair(int k, float[] a, int aIdx, int rs, float[] b, int bIdx, float[] c, int cIdx,
                                 int ldc, int rows, float alpha, float beta, float[] spill) {
        if (rows == MR && alpha == 1f && (beta == 0f || beta == 1f)) {
            GemmMicroKernel.tileWholePair(k, a, aIdx, rs, b, bIdx, bIdx + NR * k, c, cIdx, ldc, beta == 1f);
        } else {
            tile(k, a, aIdx, rs, 1, b, bIdx, c, cIdx, ldc, rows, NR, alpha, beta, spill);
            tile(k, a, aIdx, rs, 1, b, bIdx + NR * k, c, cIdx + NR, ldc, rows, NR, alpha, beta, spill);
        }
    }

    /**
     * Whether a product Aᵀ·B with few columns, more than one panel of them (the input gradient Wᵀ·Δ at a batch
     * of 50), runs as the packed Cᵀ = Bᵀ·A ({@link #packedSwapped}) though B is small: with
     * {@link GemmTuning#packTransposedA}, where its pair tiles over W's rows outran the in-place and
     * transposed tiles. One panel of columns (a batch of 32) stays in place, where packing A cost more.
     */
    static boolean swapsTransposedA(boolean transA, boolean transB, int m, int n) {
        return PACK_TRANSPOSED_A && transA && !transB && n > NR && m >= 2 * n;
    }

    /** Whether a product with this op(B) takes the path that packs B whole and reads A in place. */
    static boolean packsBWhole(int n, int k) {
        return (long) k * roundUp(n, NR) <= DIRECT_MAX_B;
    }

    /**
     * The step that cuts len into the fewest parts of at most max (a multiple of unit), as even as whole units
     * allow. A product just past a block size would otherwise end in a sliver: a thin slice that reads and writes
     * all of C, or a narrow block that packs all of A again, for little work.
     */
    static int evenStep(int len, int max, int unit) {
        int parts = (len + max - 1) / max;
        return roundUp((len + parts - 1) / parts, unit);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
