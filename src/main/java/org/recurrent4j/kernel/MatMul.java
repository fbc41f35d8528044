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

    abstract void gemmUnchecked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc);

    abstract void gemvUnchecked(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                                float[] x, int xOff, float beta, float[] y, int yOff);
}
