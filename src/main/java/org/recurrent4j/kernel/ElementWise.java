package org.recurrent4j.kernel;

/** Element-wise arithmetic on float arrays, and the two broadcasts a bias needs (add to columns, sum columns). */
public abstract class ElementWise {
    ElementWise() {}

    /** out = a + b over n elements. out may alias a or b. */
    public final void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("add", n, a, aOff, b, bOff, out, outOff);
        addUnchecked(n, a, aOff, b, bOff, out, outOff);
    }

    /** out = a − b over n elements. */
    public final void sub(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("sub", n, a, aOff, b, bOff, out, outOff);
        subUnchecked(n, a, aOff, b, bOff, out, outOff);
    }

    /** out = a ⊙ b (Hadamard product) over n elements. */
    public final void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("mul", n, a, aOff, b, bOff, out, outOff);
        mulUnchecked(n, a, aOff, b, bOff, out, outOff);
    }

    /** out += a ⊙ b over n elements: the backward step of a Hadamard product. */
    public final void mulAdd(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("mulAdd", n, a, aOff, b, bOff, out, outOff);
        mulAddUnchecked(n, a, aOff, b, bOff, out, outOff);
    }

    /** y += alpha·x over n elements. */
    public final void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Checks.nonNegative("axpy", "n", n);
        Checks.range("axpy", "x", x, xOff, n);
        Checks.range("axpy", "y", y, yOff, n);
        axpyUnchecked(n, alpha, x, xOff, y, yOff);
    }

    /** x *= alpha over n elements, in place. */
    public final void scale(int n, float alpha, float[] x, int xOff) {
        Checks.nonNegative("scale", "n", n);
        Checks.range("scale", "x", x, xOff, n);
        scaleUnchecked(n, alpha, x, xOff);
    }

    /** x = value over n elements. */
    public final void fill(int n, float value, float[] x, int xOff) {
        Checks.nonNegative("fill", "n", n);
        Checks.range("fill", "x", x, xOff, n);
        fillUnchecked(n, value, x, xOff);
    }

    /** c[i][j] += v[i] for the rows×cols matrix c (leading dimension ldc): a column bias broadcast over a batch. */
    public final void addColumnVector(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc) {
        Checks.range("addColumnVector", "v", v, vOff, rows);
        Checks.matrix("addColumnVector", "C", c, cOff, rows, cols, ldc);
        addColumnVectorUnchecked(rows, cols, v, vOff, c, cOff, ldc);
    }

    /** out[i] += Σ_j a[i][j] for the rows×cols matrix a (leading dimension lda): the gradient of a broadcast bias. */
    public final void sumColumns(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        Checks.matrix("sumColumns", "A", a, aOff, rows, cols, lda);
        Checks.range("sumColumns", "out", out, outOff, rows);
        sumColumnsUnchecked(rows, cols, a, aOff, lda, out, outOff);
    }

    /** c[i][j] += v[j] for the rows×cols matrix c (leading dimension ldc): a bias broadcast down a batch's rows. */
    public final void addRowVector(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc) {
        Checks.range("addRowVector", "v", v, vOff, cols);
        Checks.matrix("addRowVector", "C", c, cOff, rows, cols, ldc);
        addRowVectorUnchecked(rows, cols, v, vOff, c, cOff, ldc);
    }

    /**
     * out[j] += Σ_i a[i][j] for the rows×cols matrix a (leading dimension lda), the rows added in order: the
     * gradient of a bias broadcast down rows.
     */
    public final void sumRows(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        Checks.matrix("sumRows", "A", a, aOff, rows, cols, lda);
        Checks.range("sumRows", "out", out, outOff, cols);
        sumRowsUnchecked(rows, cols, a, aOff, lda, out, outOff);
    }

    /** True when none of the n elements is NaN or infinite. */
    public final boolean allFinite(int n, float[] x, int xOff) {
        Checks.nonNegative("allFinite", "n", n);
        Checks.range("allFinite", "x", x, xOff, n);
        return allFiniteUnchecked(n, x, xOff);
    }

    private static void checkBinary(String op, int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        Checks.nonNegative(op, "n", n);
        Checks.range(op, "a", a, aOff, n);
        Checks.range(op, "b", b, bOff, n);
        Checks.range(op, "out", out, outOff, n);
    }

    abstract void addUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);
    abstract void subUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);
    abstract void mulUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);
    abstract void mulAddUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff);
    abstract void axpyUnchecked(int n, float alpha, float[] x, int xOff, float[] y, int yOff);
    abstract void scaleUnchecked(int n, float alpha, float[] x, int xOff);
    abstract void fillUnchecked(int n, float value, float[] x, int xOff);
    abstract void addColumnVectorUnchecked(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc);
    abstract void sumColumnsUnchecked(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff);
    abstract void addRowVectorUnchecked(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc);
    abstract void sumRowsUnchecked(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff);
    abstract boolean allFiniteUnchecked(int n, float[] x, int xOff);
}
