package org.recurrent4j.kernel;

/**
 * Max-shifted softmax, log-softmax and the fused softmax cross-entropy, stable for any finite input.
 * Matrix forms work on every column of a row-major rows×cols matrix (columns are the batch).
 */
public abstract class Softmax {
    Softmax() {}

    /** y = exp(x − max) / Σ exp(x − max) over n ≥ 1 elements. y may alias x. */
    public final void softmax(int n, float[] x, int xOff, float[] y, int yOff) {
        checkVector("softmax", n, x, xOff, y, yOff);
        softmaxUnchecked(n, x, xOff, y, yOff);
    }

    /** y = x − max − log Σ exp(x − max) over n ≥ 1 elements. */
    public final void logSoftmax(int n, float[] x, int xOff, float[] y, int yOff) {
        checkVector("logSoftmax", n, x, xOff, y, yOff);
        logSoftmaxUnchecked(n, x, xOff, y, yOff);
    }

    /** The softmax of every column of the rows×cols matrix x (dense, leading dimension cols) into y. */
    public final void softmaxColumns(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        checkColumns("softmaxColumns", rows, cols, x, xOff, y, yOff);
        softmaxColumnsUnchecked(rows, cols, x, xOff, y, yOff);
    }

    /**
     * For every column j of the rows×cols logits: p = softmax(column), grad[:, j] = p − onehot(targets[j]) and
     * loss[j] = −log p[targets[j]] in nats. A negative target masks the column: its gradient and loss are 0.
     * Returns the summed loss. grad may alias logits.
     */
    public final double crossEntropy(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                     float[] grad, int gOff, float[] loss, int lossOff) {
        checkColumns("crossEntropy", rows, cols, logits, lOff, grad, gOff);
        Checks.range("crossEntropy", "targets", targets, tOff, cols);
        Checks.range("crossEntropy", "loss", loss, lossOff, cols);
        for (int j = 0; j < cols; j++) {
            int t = targets[tOff + j];
            if (t >= rows) {
                throw new IllegalArgumentException("crossEntropy: target " + t + " of column " + j
                        + " is outside 0.." + (rows - 1));
            }
        }
        return crossEntropyUnchecked(rows, cols, logits, lOff, targets, tOff, grad, gOff, loss, lossOff);
    }

    /**
     * {@link #crossEntropy} for rows instead of columns: row i of the rows×cols logits (dense) is one prediction,
     * scored against targets[i]. The gradient is scaled by {@code scale} after the softmax and onehot are taken
     * (the mean over a batch passes 1/rows). Returns the summed, unscaled loss; grad may alias logits.
     */
    public final double crossEntropyRows(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                         float scale, float[] grad, int gOff, float[] loss, int lossOff) {
        if (cols < 1) throw new IllegalArgumentException("crossEntropyRows: needs at least one column, got " + cols);
        Checks.nonNegative("crossEntropyRows", "rows", rows);
        Checks.range("crossEntropyRows", "logits", logits, lOff, (long) rows * cols);
        Checks.range("crossEntropyRows", "grad", grad, gOff, (long) rows * cols);
        Checks.range("crossEntropyRows", "targets", targets, tOff, rows);
        Checks.range("crossEntropyRows", "loss", loss, lossOff, rows);
        for (int i = 0; i < rows; i++) {
            int t = targets[tOff + i];
            if (t >= cols) {
                throw new IllegalArgumentException("crossEntropyRows: target " + t + " of row " + i
                        + " is outside 0.." + (cols - 1));
            }
        }
        return crossEntropyRowsUnchecked(rows, cols, logits, lOff, targets, tOff, scale, grad, gOff, loss, lossOff);
    }

    private static void checkVector(String op, int n, float[] x, int xOff, float[] y, int yOff) {
        if (n < 1) throw new IllegalArgumentException(op + ": needs at least one element, got " + n);
        Checks.range(op, "x", x, xOff, n);
        Checks.range(op, "y", y, yOff, n);
    }

    private static void checkColumns(String op, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        if (rows < 1) throw new IllegalArgumentException(op + ": needs at least one row, got " + rows);
        Checks.nonNegative(op, "cols", cols);
        Checks.range(op, "x", x, xOff, (long) rows * cols);
        Checks.range(op, "y", y, yOff, (long) rows * cols);
    }

    abstract void softmaxUnchecked(int n, float[] x, int xOff, float[] y, int yOff);
    abstract void logSoftmaxUnchecked(int n, float[] x, int xOff, float[] y, int yOff);
    abstract void softmaxColumnsUnchecked(int rows, int cols, float[] x, int xOff, float[] y, int yOff);
    abstract double crossEntropyRowsUnchecked(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                              float scale, float[] grad, int gOff, float[] loss, int lossOff);

    abstract double crossEntropyUnchecked(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                          float[] grad, int gOff, float[] loss, int lossOff);
}
