package org.recurrent4j.kernel;

/**
 * Dense single-precision matrix products on row-major arrays, in the BLAS style:
 * offsets and leading dimensions let a caller work on sub-matrices without copying.
 */
public abstract class MatMul {
    MatMul() {}

    /**
     * C = alpha·op(A)·op(B) + beta·C, where op(A) is m×k, op(B) is k×n and C is m×n.
     * A is stored m×k (or k×m when transA) with leading dimension lda; likewise B. With beta = 0, C is
     * overwritten and its old contents (even NaN) are ignored; beta = 1 accumulates.
     */
    public final void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                           float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float beta, float[] c, int cOff, int ldc) {
        String op = transA ? (transB ? "gemmTT" : "gemmTN") : (transB ? "gemmNT" : "gemmNN"); // no allocation
        Checks.nonNegative(op, "m", m);
        Checks.nonNegative(op, "n", n);
        Checks.nonNegative(op, "k", k);
        if (transA) Checks.matrix(op, "A", a, aOff, k, m, lda);
        else Checks.matrix(op, "A", a, aOff, m, k, lda);
        if (transB) Checks.matrix(op, "B", b, bOff, n, k, ldb);
        else Checks.matrix(op, "B", b, bOff, k, n, ldb);
        Checks.matrix(op, "C", c, cOff, m, n, ldc);
        if (m == 0 || n == 0) return;
        gemmUnchecked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * y = alpha·op(A)·x + beta·y, where A is stored m×n with leading dimension lda. Without trans, x has n
     * elements and y has m; with trans, x has m and y has n. With beta = 0, y is overwritten.
     */
    public final void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                           float[] x, int xOff, float beta, float[] y, int yOff) {
        String op = trans ? "gemvT" : "gemvN";
        Checks.matrix(op, "A", a, aOff, m, n, lda);
        Checks.range(op, "x", x, xOff, trans ? m : n);
        Checks.range(op, "y", y, yOff, trans ? n : m);
        gemvUnchecked(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /**
     * Copies op(B) (k×n; B stored n×k when transB) into {@code into}, or into a new PackedB when {@code into} is
     * null or was packed by another kernel set, and returns it. Allocates only when the operand grew.
     */
    public final PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, PackedB into) {
        Checks.nonNegative("pack", "k", k);
        Checks.nonNegative("pack", "n", n);
        if (transB) Checks.matrix("pack", "B", b, bOff, n, k, ldb);
        else Checks.matrix("pack", "B", b, bOff, k, n, ldb);
        PackedB packed = into != null && into.owner == this ? into : new PackedB(this);
        int size = packedSize(k, n);
        if (packed.data.length < size) packed.data = new float[size];
        packed.k = k;
        packed.n = n;
        packUnchecked(transB, k, n, b, bOff, ldb, packed.data);
        return packed;
    }

    /**
     * C = A·op(B) + beta·C with op(B) packed by this kernel set: A is m×k (row-major, leading dimension lda), C
     * is m×n. Every element of C is the same sum whatever m is, so rows may be computed in any grouping (a
     * batch split across threads gives the same bits).
     */
    public final void gemm(int m, float[] a, int aOff, int lda, PackedB b, float beta, float[] c, int cOff, int ldc) {
        if (b == null || b.owner != this) {
            throw new IllegalArgumentException("gemmPacked: B was not packed by this kernel set");
        }
        Checks.nonNegative("gemmPacked", "m", m);
        Checks.matrix("gemmPacked", "A", a, aOff, m, b.k, lda);
        Checks.matrix("gemmPacked", "C", c, cOff, m, b.n, ldc);
        if (m == 0 || b.n == 0) return;
        gemmPackedUnchecked(m, a, aOff, lda, b.data, b.k, b.n, beta, c, cOff, ldc);
    }

    /**
     * Rows of the tiles a product against a packed operand covers {@code rows} rows of A in, so that a caller
     * splitting rows between threads cuts between whole tiles.
     */
    int tileRows(int rows) {
        return GemmTuning.MR;
    }

    /** Floats a packed k×n operand takes in this kernel set's layout. */
    abstract int packedSize(int k, int n);

    abstract void packUnchecked(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] dst);

    abstract void gemmPackedUnchecked(int m, float[] a, int aOff, int lda, float[] pb, int k, int n, float beta,
                                      float[] c, int cOff, int ldc);

    abstract void gemmUnchecked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc);

    abstract void gemvUnchecked(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                                float[] x, int xOff, float beta, float[] y, int yOff);
}
