package org.recurrent4j.tensor;

import java.util.random.RandomGenerator;

/**
 * A matrix of values {@code w} and gradients {@code dw}, stored row-major. Columns are the batch: a batch of B
 * column vectors is a rows×B matrix. A Mat may be a view of a block of rows of another Mat (same arrays, an
 * offset), which lets a model fuse several parameter matrices into one without changing their names.
 */
public final class Mat {
    /** The values, row-major, from {@link #offset}. */
    public final float[] w;
    /** The gradients, same layout as {@link #w}. */
    public final float[] dw;
    /** Index of element (0, 0) in {@link #w} and {@link #dw}. */
    public final int offset;
    public final int rows;
    public final int cols;

    /** A zero matrix. */
    public Mat(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("Mat: shape must be positive, got " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.offset = 0;
        this.w = new float[Math.multiplyExact(rows, cols)];
        this.dw = new float[w.length];
    }

    private Mat(Mat parent, int offset, int rows, int cols) {
        this.w = parent.w;
        this.dw = parent.dw;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
    }

    /** A matrix holding the given row-major values. */
    public static Mat of(int rows, int cols, float... values) {
        Mat m = new Mat(rows, cols);
        if (values.length != m.size()) {
            throw new IllegalArgumentException("Mat.of: " + rows + "x" + cols + " needs " + m.size()
                    + " values, got " + values.length);
        }
        System.arraycopy(values, 0, m.w, 0, values.length);
        return m;
    }

    /** A matrix with entries uniform on [−std, std] (RecurrentJS's RandMat). */
    public static Mat uniform(int rows, int cols, float std, RandomGenerator rng) {
        Mat m = new Mat(rows, cols);
        for (int i = 0; i < m.w.length; i++) m.w[i] = (float) (rng.nextDouble() * 2 - 1) * std;
        return m;
    }

    /** A matrix with entries drawn from N(0, std²) (RecurrentNN.jl's randNNMat). */
    public static Mat gaussian(int rows, int cols, float std, RandomGenerator rng) {
        Mat m = new Mat(rows, cols);
        for (int i = 0; i < m.w.length; i++) m.w[i] = (float) (rng.nextGaussian() * std);
        return m;
    }

    /** A view of rows [firstRow, firstRow + count) sharing this matrix's storage. */
    public Mat rowBlock(int firstRow, int count) {
        if (firstRow < 0 || count < 1 || firstRow + count > rows) {
            throw new IllegalArgumentException("rowBlock: rows " + firstRow + ".." + (firstRow + count - 1)
                    + " outside " + shape());
        }
        return new Mat(this, offset + firstRow * cols, count, cols);
    }

    public int size() {
        return rows * cols;
    }

    public float get(int row, int col) {
        return w[index(row, col)];
    }

    public void set(int row, int col, float value) {
        w[index(row, col)] = value;
    }

    public float grad(int row, int col) {
        return dw[index(row, col)];
    }

    public void setGrad(int row, int col, float value) {
        dw[index(row, col)] = value;
    }

    /** Sets every gradient element to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(dw, offset, offset + size(), 0f);
    }

    /** True when this matrix and {@code other} have the same rows and columns. */
    public boolean sameShape(Mat other) {
        return rows == other.rows && cols == other.cols;
    }

    /** "rows x cols", e.g. {@code 20x5}, for error messages. */
    public String shape() {
        return rows + "x" + cols;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside " + shape());
        }
        return offset + row * cols + col;
    }

    @Override
    public String toString() {
        return "Mat(" + shape() + ")";
    }
}
