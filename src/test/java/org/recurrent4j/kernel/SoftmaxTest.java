package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent4j.kernel.KernelTesting.uniform;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every softmax implementation must have, on the scalar twin and the vector set: known values,
 * stability at ±1e4, columns equal to the vector form, and the fused cross-entropy's loss, gradient and mask.
 */
class SoftmaxTest {
    private static final int[] SIZES = {1, 2, 3, 15, 16, 17, 49, 1000};

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void knownValues(Kernels k) {
        float[] x = {1f, 2f, 3f, 3f};
        float[] p = new float[4];
        float[] logp = new float[4];
        k.softmax().softmax(4, x, 0, p, 0);
        k.softmax().logSoftmax(4, x, 0, logp, 0);
        double z = Math.exp(1) + Math.exp(2) + 2 * Math.exp(3);
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.exp(x[i]) / z, p[i], 1e-7, k + " softmax " + i);
            assertEquals(x[i] - Math.log(z), logp[i], 1e-6, k + " logSoftmax " + i);
        }
    }

    /** Logits of ±1e4 would overflow e^x a thousand times over; max-shifting keeps everything finite. */
    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void stableForHugeLogits(Kernels k) {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : SIZES) {
            float[] x = uniform(rng, n, -1e4, 1e4);
            for (int i = 0; i < n; i += 3) x[i] = i % 2 == 0 ? 1e4f : -1e4f;
            float[] p = new float[n];
            k.softmax().softmax(n, x, 0, p, 0);
            double sum = 0;
            for (float v : p) {
                assertTrue(v >= 0f && v <= 1f, k + " softmax n=" + n + " gave " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-6, k + " softmax n=" + n + " sums to");
            float[] logp = new float[n];
            k.softmax().logSoftmax(n, x, 0, logp, 0);
            for (float v : logp) assertTrue(Float.isFinite(v) && v <= 0f, k + " logSoftmax n=" + n + " gave " + v);
            // The same logits as a 2×(n/2) batch, and its cross-entropy.
            int cols = n / 2;
            if (cols == 0) continue;
            float[] y = new float[2 * cols];
            k.softmax().softmaxColumns(2, cols, x, 0, y, 0);
            for (int j = 0; j < cols; j++) assertEquals(1f, y[j] + y[cols + j], 1e-6f, k + " column " + j);
            int[] targets = new int[cols];
            for (int j = 0; j < cols; j++) targets[j] = j % 2;
            float[] loss = new float[cols];
            double total = k.softmax().crossEntropy(2, cols, x, 0, targets, 0, y, 0, loss, 0);
            assertTrue(Double.isFinite(total), k + " crossEntropy total " + total);
            for (float v : y) assertTrue(Float.isFinite(v), k + " crossEntropy gradient " + v);
        }
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void softmaxColumnsEqualsSoftmaxOfEachColumn(Kernels k) {
        SplittableRandom rng = new SplittableRandom(6);
        for (int rows : new int[] {1, 4, 21}) {
            for (int cols : SIZES) {
                float[] x = uniform(rng, rows * cols, -8, 8);
                float[] y = new float[rows * cols];
                k.softmax().softmaxColumns(rows, cols, x, 0, y, 0);
                float[] column = new float[rows];
                float[] p = new float[rows];
                for (int j = 0; j < cols; j++) {
                    for (int r = 0; r < rows; r++) column[r] = x[r * cols + j];
                    k.softmax().softmax(rows, column, 0, p, 0);
                    for (int r = 0; r < rows; r++) {
                        assertEquals(p[r], y[r * cols + j], 2e-6 * p[r], k + " " + rows + "x" + cols + " at " + r + "," + j);
                    }
                }
            }
        }
    }

    /** loss = −log softmax[target] in nats, grad = softmax − onehot, and a negative target zeroes its column. */
    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void crossEntropyLossGradientAndMask(Kernels k) {
        SplittableRandom rng = new SplittableRandom(8);
        for (int rows : new int[] {1, 5, 50}) {
            for (int cols : SIZES) {
                float[] logits = uniform(rng, rows * cols, -5, 5);
                int[] targets = new int[cols];
                for (int j = 0; j < cols; j++) targets[j] = j % 4 == 3 ? -1 : rng.nextInt(rows);
                float[] grad = uniform(rng, rows * cols, -9, 9); // stale values must be overwritten
                float[] loss = uniform(rng, cols, -9, 9);
                double total = k.softmax().crossEntropy(rows, cols, logits, 0, targets, 0, grad, 0, loss, 0);
                float[] p = new float[rows * cols];
                k.softmax().softmaxColumns(rows, cols, logits, 0, p, 0);
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    String at = k + " " + rows + "x" + cols + " column " + j;
                    int t = targets[j];
                    if (t < 0) {
                        assertEquals(0f, loss[j], at + " masked loss");
                        for (int r = 0; r < rows; r++) assertEquals(0f, grad[r * cols + j], at + " masked gradient");
                        continue;
                    }
                    double expected = -Math.log(p[t * cols + j]);
                    assertEquals(expected, loss[j], 1e-6 * expected + 2e-6, at + " loss");
                    for (int r = 0; r < rows; r++) {
                        double g = p[r * cols + j] - (r == t ? 1 : 0);
                        assertEquals(g, grad[r * cols + j], 1e-6, at + " gradient row " + r);
                    }
                    sum += loss[j];
                }
                assertEquals(sum, total, 1e-9 * Math.abs(sum), k + " " + rows + "x" + cols + " total");
            }
        }
    }
}
