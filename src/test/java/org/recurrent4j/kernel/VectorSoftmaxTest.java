package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recurrent4j.kernel.KernelTesting.assertClose;
import static org.recurrent4j.kernel.KernelTesting.assertSameBits;
import static org.recurrent4j.kernel.KernelTesting.sizes;
import static org.recurrent4j.kernel.KernelTesting.uniform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API softmax family against the scalar twin, at every tail length (of the vector, and of the batch
 * of columns) and at large sizes, with distinct offsets. The exponentials differ by about an ulp (VectorMath's
 * against Math.exp) and the sums are reordered (the twin sums in double, the vector in float lanes). Tolerances,
 * with the worst seen at 512, 256 and 128 bits in brackets: probabilities 2e-6 relative [6.8e-7]; gradients p − onehot 1e-6 absolute
 * [4.2e-7]; log-probabilities and losses 1e-6 relative plus 1e-6 absolute [1.9e-6 at values near 20, one ulp].
 */
class VectorSoftmaxTest {
    private static final double PROB_REL = 2e-6, GRAD_ABS = 1e-6, LOG_REL = 1e-6, LOG_ABS = 1e-6;
    private static final int[] ROWS = {1, 2, 5, 33};

    private final Softmax scalar = Kernels.scalar().softmax();
    private Softmax vector;
    private final SplittableRandom rng = new SplittableRandom(11);

    @BeforeEach
    void setUp() {
        vector = KernelTesting.vector().softmax();
    }

    @Test
    void softmaxMatchesScalarTwin() {
        for (int n : sizes()) {
            float[] x = uniform(rng, 3 + n + 2, -10, 10);
            float[] expected = uniform(rng, 1 + n + 4, -1, 1);
            float[] actual = expected.clone();
            scalar.softmax(n, x, 3, expected, 1);
            vector.softmax(n, x, 3, actual, 1);
            assertClose(expected, actual, PROB_REL, 0, "softmax n=" + n);
        }
    }

    @Test
    void softmaxInPlace() {
        for (int n : sizes()) {
            float[] x = uniform(rng, n + 1, -10, 10);
            float[] expected = x.clone();
            float[] actual = x.clone();
            scalar.softmax(n, expected, 1, expected, 1);
            vector.softmax(n, actual, 1, actual, 1);
            assertClose(expected, actual, PROB_REL, 0, "softmax in place n=" + n);
        }
    }

    @Test
    void logSoftmaxMatchesScalarTwin() {
        for (int n : sizes()) {
            float[] x = uniform(rng, 2 + n + 3, -10, 10);
            float[] expected = uniform(rng, 4 + n + 1, -1, 1);
            float[] actual = expected.clone();
            scalar.logSoftmax(n, x, 2, expected, 4);
            vector.logSoftmax(n, x, 2, actual, 4);
            assertClose(expected, actual, LOG_REL, LOG_ABS, "logSoftmax n=" + n);
            // In place: the input must be read before it is overwritten.
            float[] inPlace = x.clone();
            vector.logSoftmax(n, inPlace, 2, inPlace, 2);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[4 + i], inPlace[2 + i], LOG_REL * Math.abs(expected[4 + i]) + LOG_ABS,
                        "logSoftmax in place n=" + n);
            }
        }
    }

    @Test
    void softmaxColumnsMatchesScalarTwin() {
        for (int rows : ROWS) {
            for (int cols : sizes()) {
                float[] x = uniform(rng, 3 + rows * cols + 2, -10, 10);
                float[] expected = uniform(rng, 5 + rows * cols + 2, -1, 1);
                float[] actual = expected.clone();
                scalar.softmaxColumns(rows, cols, x, 3, expected, 5);
                vector.softmaxColumns(rows, cols, x, 3, actual, 5);
                assertClose(expected, actual, PROB_REL, 0, "softmaxColumns " + rows + "x" + cols);
            }
        }
    }

    @Test
    void crossEntropyMatchesScalarTwin() {
        for (int rows : ROWS) {
            for (int cols : sizes()) {
                float[] logits = uniform(rng, 2 + rows * cols + 2, -10, 10);
                int[] targets = new int[1 + cols];
                for (int j = 0; j < targets.length; j++) targets[j] = rng.nextInt(8) == 0 ? -1 : rng.nextInt(rows);
                float[] expectedGrad = uniform(rng, 4 + rows * cols + 1, -1, 1);
                float[] actualGrad = expectedGrad.clone();
                float[] expectedLoss = uniform(rng, 3 + cols + 2, -1, 1);
                float[] actualLoss = expectedLoss.clone();
                double expected = scalar.crossEntropy(rows, cols, logits, 2, targets, 1, expectedGrad, 4, expectedLoss, 3);
                double actual = vector.crossEntropy(rows, cols, logits, 2, targets, 1, actualGrad, 4, actualLoss, 3);
                String what = "crossEntropy " + rows + "x" + cols;
                assertClose(expectedGrad, actualGrad, 0, GRAD_ABS, what + " grad");
                assertClose(expectedLoss, actualLoss, LOG_REL, LOG_ABS, what + " loss");
                assertEquals(expected, actual, LOG_REL * Math.abs(expected) + LOG_ABS * cols, what + " total");
                for (int j = 0; j < cols; j++) {
                    if (targets[1 + j] < 0) assertEquals(0f, actualLoss[3 + j], what + " masked loss");
                }
                // grad aliasing logits gives, bit for bit, what separate arrays give.
                float[] aliased = logits.clone();
                float[] aliasedLoss = new float[3 + cols + 2];
                double total = vector.crossEntropy(rows, cols, aliased, 2, targets, 1, aliased, 2, aliasedLoss, 3);
                float[] separate = logits.clone();
                float[] separateLoss = new float[3 + cols + 2];
                double separateTotal = vector.crossEntropy(rows, cols, logits, 2, targets, 1, separate, 2, separateLoss,
                        3);
                assertSameBits(separate, aliased, what + " aliased grad");
                assertSameBits(separateLoss, aliasedLoss, what + " aliased loss");
                assertEquals(separateTotal, total, what + " aliased total");
            }
        }
    }
}
