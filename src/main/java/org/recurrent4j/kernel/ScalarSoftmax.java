package org.recurrent4j.kernel;

/**
 * Plain-Java softmax family: the reference twin of {@link VectorSoftmax}. Sums of exponentials run in double:
 * a float running sum loses about √n·2^−24 relative (4.8e-6 at n = 4099, 8.6e-5 at n = 10⁵, measured).
 */
class ScalarSoftmax extends Softmax {

    @Override
    void softmaxUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        softmaxStrided(n, x, xOff, 1, y, yOff);
    }

    @Override
    void logSoftmaxUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        float max = x[xOff];
        for (int i = 1; i < n; i++) max = Math.max(max, x[xOff + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (float) Math.exp(x[xOff + i] - max);
        float logSum = (float) Math.log(sum);
        for (int i = 0; i < n; i++) y[yOff + i] = x[xOff + i] - max - logSum;
    }

    @Override
    void softmaxColumnsUnchecked(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        for (int j = 0; j < cols; j++) softmaxStrided(rows, x, xOff + j, cols, y, yOff + j);
    }

    @Override
    double crossEntropyRowsUnchecked(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                     float scale, float[] grad, int gOff, float[] loss, int lossOff) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            // One row is a column of a 1-wide matrix to the column kernel.
            double l = crossEntropyUnchecked(cols, 1, logits, lOff + i * cols, targets, tOff + i, grad, gOff + i * cols,
                    loss, lossOff + i);
            if (scale != 1f) for (int j = 0; j < cols; j++) grad[gOff + i * cols + j] *= scale;
            total += l;
        }
        return total;
    }

    @Override
    double crossEntropyUnchecked(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                 float[] grad, int gOff, float[] loss, int lossOff) {
        double total = 0;
        for (int j = 0; j < cols; j++) {
            int t = targets[tOff + j];
            if (t < 0) {
                for (int i = 0; i < rows; i++) grad[gOff + i * cols + j] = 0f;
                loss[lossOff + j] = 0f;
                continue;
            }
            float max = logits[lOff + j];
            for (int i = 1; i < rows; i++) max = Math.max(max, logits[lOff + i * cols + j]);
            float target = logits[lOff + t * cols + j];
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                float e = (float) Math.exp(logits[lOff + i * cols + j] - max);
                grad[gOff + i * cols + j] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int i = 0; i < rows; i++) grad[gOff + i * cols + j] *= inv;
            grad[gOff + t * cols + j] -= 1f;
            float l = (float) Math.log(sum) - (target - max);
            loss[lossOff + j] = l;
            total += l;
        }
        return total;
    }

    private static void softmaxStrided(int n, float[] x, int xOff, int stride, float[] y, int yOff) {
        float max = x[xOff];
        for (int i = 1; i < n; i++) max = Math.max(max, x[xOff + i * stride]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xOff + i * stride] - max);
            y[yOff + i * stride] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int i = 0; i < n; i++) y[yOff + i * stride] *= inv;
    }
}
