package org.recurrent4j.tensor;

import java.util.random.RandomGenerator;
import org.recurrent4j.kernel.Kernels;

/**
 * Turning logits into probabilities and choosing from them: the max-shifted softmax (with a sampling
 * temperature), sampling by running sum and argmax. Matrices are read column by column (columns are the batch).
 */
public final class Probabilities {
    private Probabilities() {}

    /** A new matrix holding the softmax of every column of {@code m}. */
    public static Mat softmax(Mat m) {
        Mat out = new Mat(m.rows, m.cols);
        Kernels.get().softmax().softmaxColumns(m.rows, m.cols, m.w, m.offset, out.w, 0);
        return out;
    }

    /**
     * A new matrix holding the softmax of every column of {@code m / temperature}. A temperature below 1 sharpens
     * the distribution, above 1 flattens it. It must be positive and finite.
     */
    public static Mat softmax(Mat m, float temperature) {
        if (!(temperature > 0f) || temperature == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("softmax: temperature must be positive and finite, got " + temperature);
        }
        int rows = m.rows;
        int cols = m.cols;
        // Shift by the column maximum before dividing, so that a small temperature cannot overflow to infinity;
        // softmax is invariant to the shift.
        float[] scaled = new float[m.size()];
        for (int j = 0; j < cols; j++) {
            float max = m.w[m.offset + j];
            for (int i = 1; i < rows; i++) max = Math.max(max, m.w[m.offset + i * cols + j]);
            for (int i = 0; i < rows; i++) scaled[i * cols + j] = (m.w[m.offset + i * cols + j] - max) / temperature;
        }
        Mat out = new Mat(rows, cols);
        Kernels.get().softmax().softmaxColumns(rows, cols, scaled, 0, out.w, 0);
        return out;
    }

    /**
     * Draws an index in [0, n) from the probabilities {@code probs[off .. off+n)}: with r ~ U[0, 1), the first
     * index whose running sum exceeds r. When rounding leaves the total at or below r, the last index with a
     * non-zero probability, so the draw never runs past the end.
     */
    public static int sample(float[] probs, int off, int n, RandomGenerator rng) {
        if (n < 1 || off < 0 || off + n > probs.length) {
            throw new IllegalArgumentException("sample: " + n + " probabilities from offset " + off
                    + " do not fit in an array of length " + probs.length);
        }
        return sampleStrided(probs, off, 1, n, rng);
    }

    /** Draws a row index from column {@code col} of a matrix of probabilities, as {@link #sample(float[], int, int, RandomGenerator)}. */
    public static int sample(Mat probs, int col, RandomGenerator rng) {
        checkColumn("sample", probs, col);
        return sampleStrided(probs.w, probs.offset + col, probs.cols, probs.rows, rng);
    }

    /** The index in [0, n) of the first maximum of {@code x[off .. off+n)}. */
    public static int argmax(float[] x, int off, int n) {
        if (n < 1 || off < 0 || off + n > x.length) {
            throw new IllegalArgumentException("argmax: " + n + " values from offset " + off
                    + " do not fit in an array of length " + x.length);
        }
        return argmaxStrided(x, off, 1, n);
    }

    /** The row index of the first maximum in column {@code col} of {@code m}. */
    public static int argmax(Mat m, int col) {
        checkColumn("argmax", m, col);
        return argmaxStrided(m.w, m.offset + col, m.cols, m.rows);
    }

    private static int sampleStrided(float[] p, int off, int stride, int n, RandomGenerator rng) {
        double r = rng.nextDouble();
        double sum = 0;
        int lastNonZero = -1;
        for (int i = 0; i < n; i++) {
            float pi = p[off + i * stride];
            if (pi > 0f) lastNonZero = i;
            sum += pi;
            if (sum > r) return i;
        }
        if (lastNonZero < 0) throw new IllegalArgumentException("sample: all " + n + " probabilities are zero");
        return lastNonZero;
    }

    private static int argmaxStrided(float[] x, int off, int stride, int n) {
        int best = 0;
        float max = x[off];
        for (int i = 1; i < n; i++) {
            float v = x[off + i * stride];
            if (v > max) {
                max = v;
                best = i;
            }
        }
        return best;
    }

    private static void checkColumn(String op, Mat m, int col) {
        if (col < 0 || col >= m.cols) {
            throw new IllegalArgumentException(op + ": column " + col + " outside 0.." + (m.cols - 1) + " of " + m.shape());
        }
    }
}
