package org.recurrent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Softmax against the seed's values, temperature, sampling's running sum and argmax's first maximum. */
class ProbabilitiesTest {

    @Test
    void softmaxOfTheSeedExample() {
        // The seed's expected probabilities are those of a last logit of 0.001 (their log-ratios to the last are
        // 0.299, 0.099, 0.599, 0.001, 0), not of 0.00001 as the seed's input is sometimes quoted.
        Mat p = Probabilities.softmax(Mat.of(5, 1, 0.3f, 0.1f, 0.6f, 0.002f, 0.001f));
        double[] expected = {0.21494050089813527, 0.17597839816728894, 0.2901393282421457, 0.1595506217827435,
                0.15939115090968653};
        for (int i = 0; i < 5; i++) assertEquals(expected[i], p.w[i], 1e-6);
    }

    @Test
    void softmaxMatchesDoublePrecision() {
        float[] x = {0.3f, 0.1f, 0.6f, 0.002f, 0.00001f};
        Mat p = Probabilities.softmax(Mat.of(5, 1, x));
        double z = 0;
        for (float v : x) z += Math.exp(v);
        for (int i = 0; i < 5; i++) assertEquals(Math.exp(x[i]) / z, p.w[i], 1e-6);
        Mat big = Probabilities.softmax(Mat.of(2, 1, 1000f, 999f));
        assertEquals(1 / (1 + Math.exp(-1)), big.w[0], 1e-6, "max-shifted, so large logits do not overflow");
    }

    @Test
    void softmaxWorksPerColumnAndReadsViews() {
        Mat parent = Mat.of(3, 2, 9, 9, 1, 0, 2, 0);
        Mat p = Probabilities.softmax(parent.rowBlock(1, 2));
        double e = Math.exp(1);
        assertArrayEquals(new float[] {(float) (1 / (1 + e)), 0.5f, (float) (e / (1 + e)), 0.5f}, p.w, 1e-6f);
    }

    @Test
    void temperatureDividesTheLogits() {
        Mat logits = Mat.of(3, 1, 1, 2, 4);
        assertArrayEquals(Probabilities.softmax(logits).w, Probabilities.softmax(logits, 1f).w, 1e-7f);
        assertArrayEquals(Probabilities.softmax(Mat.of(3, 1, 2, 4, 8)).w, Probabilities.softmax(logits, 0.5f).w, 1e-6f);
        Mat hot = Probabilities.softmax(logits, 1e-3f);
        assertArrayEquals(new float[] {0, 0, 1}, hot.w, 1e-6f);
        Mat tiny = Probabilities.softmax(Mat.of(2, 1, 3e38f, -3e38f), 1e-30f);
        assertArrayEquals(new float[] {1, 0}, tiny.w, "a tiny temperature does not overflow");
        Mat flat = Probabilities.softmax(logits, 1e6f);
        for (float v : flat.w) assertEquals(1 / 3f, v, 1e-5f);
        for (float bad : new float[] {0, -1, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> Probabilities.softmax(logits, bad));
        }
    }

    /** A generator that always returns the given value from nextDouble. */
    private static RandomGenerator fixed(double r) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return r;
            }
        };
    }

    @Test
    void sampleReturnsTheFirstIndexWhoseRunningSumExceedsR() {
        float[] p = {9, 0.2f, 0.3f, 0.5f, 9};
        assertEquals(0, Probabilities.sample(p, 1, 3, fixed(0.0)));
        assertEquals(0, Probabilities.sample(p, 1, 3, fixed(0.19)));
        assertEquals(1, Probabilities.sample(p, 1, 3, fixed(0.21)));
        assertEquals(1, Probabilities.sample(p, 1, 3, fixed(0.49)));
        assertEquals(2, Probabilities.sample(p, 1, 3, fixed(0.51)));
    }

    @Test
    void sampleNeverRunsPastTheEnd() {
        float[] p = {0.3f, 0.3f, 0.3f, 0f, 0f}; // sums to 0.9
        assertEquals(2, Probabilities.sample(p, 0, 5, fixed(0.95)), "the last index with non-zero probability");
        assertEquals(2, Probabilities.sample(p, 0, 5, fixed(Math.nextDown(1.0))));
        assertThrows(IllegalArgumentException.class, () -> Probabilities.sample(new float[3], 0, 3, fixed(0.5)));
        assertThrows(IllegalArgumentException.class, () -> Probabilities.sample(p, 3, 3, fixed(0.5)));
    }

    @Test
    void sampleFollowsTheDistribution() {
        float[] p = {0.1f, 0.6f, 0.3f};
        int[] counts = new int[3];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) counts[Probabilities.sample(p, 0, 3, rng)]++;
        // Three standard deviations of a binomial count are under 210 here.
        assertEquals(2_000, counts[0], 210);
        assertEquals(12_000, counts[1], 210);
        assertEquals(6_000, counts[2], 210);
    }

    @Test
    void sampleAndArgmaxReadAColumnOfAMatrix() {
        Mat m = Mat.of(3, 2, 0, 0.5f, 1, 0.5f, 0, 0);
        assertEquals(1, Probabilities.sample(m, 0, fixed(0.7)));
        assertEquals(1, Probabilities.sample(m, 1, fixed(0.7)));
        assertEquals(0, Probabilities.argmax(m, 1), "the first of two maxima");
        assertEquals(1, Probabilities.argmax(m, 0));
        assertThrows(IllegalArgumentException.class, () -> Probabilities.argmax(m, 2));
    }

    @Test
    void argmaxReturnsTheFirstMaximum() {
        assertEquals(1, Probabilities.argmax(new float[] {7, 1, 3, 3, 2}, 1, 4));
        assertEquals(0, Probabilities.argmax(new float[] {-1}, 0, 1));
        assertEquals(2, Probabilities.argmax(new float[] {-5, -4, -3, -3}, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Probabilities.argmax(new float[2], 1, 2));
        assertTrue(Probabilities.argmax(new float[] {0, 0}, 0, 2) == 0);
    }
}
