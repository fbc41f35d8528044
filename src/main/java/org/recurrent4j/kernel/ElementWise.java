package org.recurrent4j.kernel;

/** Element-wise arithmetic on float arrays, and the two broadcasts a bias needs (add to columns, sum columns). */
public abstract class ElementWise {
    ElementWise() {}

    /**
     * Passes over at least {@link KernelThreads#PARALLEL_MIN_ELEMENTS} floats are split across the kernel
     * threads, in runs of this many floats (rows, for the row broadcasts), the same bits however split.
     */
    private static final int UNIT = KernelThreads.ELEMENT_UNIT;

    /** out = a + b over n elements. out may alias a or b. */
    public final void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("add", n, a, aOff, b, bOff, out, outOff);
        if (!KernelThreads.splits(n)) addUnchecked(n, a, aOff, b, bOff, out, outOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> addUnchecked(j - i, a, aOff + i, b, bOff + i, out, outOff + i));
    }

    /** out = a − b over n elements. */
    public final void sub(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("sub", n, a, aOff, b, bOff, out, outOff);
        if (!KernelThreads.splits(n)) subUnchecked(n, a, aOff, b, bOff, out, outOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> subUnchecked(j - i, a, aOff + i, b, bOff + i, out, outOff + i));
    }

    /** out = a ⊙ b (Hadamard product) over n elements. */
    public final void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("mul", n, a, aOff, b, bOff, out, outOff);
        if (!KernelThreads.splits(n)) mulUnchecked(n, a, aOff, b, bOff, out, outOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> mulUnchecked(j - i, a, aOff + i, b, bOff + i, out, outOff + i));
    }

    /** out += a ⊙ b over n elements: the backward step of a Hadamard product. */
    public final void mulAdd(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        checkBinary("mulAdd", n, a, aOff, b, bOff, out, outOff);
        if (!KernelThreads.splits(n)) mulAddUnchecked(n, a, aOff, b, bOff, out, outOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> mulAddUnchecked(j - i, a, aOff + i, b, bOff + i, out,
                outOff + i));
    }

    /** y += alpha·x over n elements. */
    public final void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        Checks.nonNegative("axpy", "n", n);
        Checks.range("axpy", "x", x, xOff, n);
        Checks.range("axpy", "y", y, yOff, n);
        if (!KernelThreads.splits(n)) axpyUnchecked(n, alpha, x, xOff, y, yOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> axpyUnchecked(j - i, alpha, x, xOff + i, y, yOff + i));
    }

    /** x *= alpha over n elements, in place. */
    public final void scale(int n, float alpha, float[] x, int xOff) {
        Checks.nonNegative("scale", "n", n);
        Checks.range("scale", "x", x, xOff, n);
        if (!KernelThreads.splits(n)) scaleUnchecked(n, alpha, x, xOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> scaleUnchecked(j - i, alpha, x, xOff + i));
    }

    /** x = value over n elements. */
    public final void fill(int n, float value, float[] x, int xOff) {
        Checks.nonNegative("fill", "n", n);
        Checks.range("fill", "x", x, xOff, n);
        if (!KernelThreads.splits(n)) fillUnchecked(n, value, x, xOff);
        else KernelThreads.runRanges(n, UNIT, (i, j) -> fillUnchecked(j - i, value, x, xOff + i));
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
        if (!KernelThreads.splits((long) rows * cols)) addRowVectorUnchecked(rows, cols, v, vOff, c, cOff, ldc);
        else KernelThreads.runRanges(rows, 1, (i, j) -> addRowVectorUnchecked(j - i, cols, v, vOff, c, cOff + i * ldc,
                ldc));
    }

    /**
     * out[j] += Σ_i a[i][j] for the rows×cols matrix a (leading dimension lda), the rows added in order: the
     * gradient of a bias broadcast down rows.
     */
    public final void sumRows(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        Checks.matrix("sumRows", "A", a, aOff, rows, cols, lda);
        Checks.range("sumRows", "out", out, outOff, cols);
        if (!KernelThreads.splits((long) rows * cols)) sumRowsUnchecked(rows, cols, a, aOff, lda, out, outOff);
        else KernelThreads.runRanges(cols, UNIT, (i, j) -> sumRowsUnchecked(rows, j - i, a, aOff + i, lda, out,
                outOff + i));
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
