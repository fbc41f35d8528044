package org.recurrent4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.tensor.Mat;

/**
 * {@link Graph#dropout}: inverted dropout keeps each element with probability 1 − p and scales it by 1/(1 − p),
 * its mask drawn from the generator passed in, and its backward sends the gradient through the same mask.
 */
class DropoutOpTest {

    @Test
    void passesAGradientCheckWithAFixedMask() {
        Mat m = Mat.uniform(5, 7, 1f, new SplittableRandom(1));
        // a generator of the same seed at every evaluation: the finite differences see the mask of the analytic pass
        GradientCheck.check(List.of(m), g -> GradientCheck.project(g.dropout(m, 0.4f, new SplittableRandom(2)), 3));
    }

    @Test
    void keepsTheExpectedFractionScaledByTheInverseOfTheKeptShare() {
        float p = 0.3f;
        Mat ones = new Mat(400, 250);
        java.util.Arrays.fill(ones.w, 1f);
        Mat out = new Graph().dropout(ones, p, new SplittableRandom(4));
        float kept = (float) (1.0 / (1.0 - p));
        long count = 0;
        double sum = 0;
        for (int i = 0; i < out.size(); i++) {
            float v = out.w[i];
            assertTrue(v == 0f || v == kept, "element " + i + " is " + v);
            if (v != 0f) count++;
            sum += v;
        }
        int n = out.size();
        double sigma = Math.sqrt(p * (1 - p) / n); // the standard error of the kept fraction
        assertEquals(1 - p, (double) count / n, 5 * sigma, "the fraction kept");
        assertEquals(1.0, sum / n, 5 * sigma * kept, "the expected output is the input");
    }

    @Test
    void theBackwardPassUsesTheForwardMask() {
        Mat m = Mat.uniform(3, 4, 1f, new SplittableRandom(5));
        Graph g = new Graph();
        Mat out = g.dropout(m, 0.5f, new SplittableRandom(6));
        for (int i = 0; i < out.size(); i++) out.dw[i] = i + 1;
        g.backward();
        for (int i = 0; i < m.size(); i++) {
            float factor = out.w[i] / m.w[i]; // 0 or 2
            assertEquals(factor * (i + 1), m.dw[i], 1e-6, "element " + i);
        }
    }

    @Test
    void theSameGeneratorGivesTheSameMaskAndAnotherSeedAnother() {
        Mat m = Mat.uniform(20, 30, 1f, new SplittableRandom(7));
        float[] a = new Graph().dropout(m, 0.5f, new SplittableRandom(8)).w.clone();
        float[] b = new Graph().dropout(m, 0.5f, new SplittableRandom(8)).w.clone();
        float[] c = new Graph().dropout(m, 0.5f, new SplittableRandom(9)).w.clone();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void aRateOfZeroIsTheInputItselfAndDrawsNothing() {
        Mat m = Mat.uniform(3, 4, 1f, new SplittableRandom(10));
        SplittableRandom rng = new SplittableRandom(11);
        Graph g = new Graph();
        assertSame(m, g.dropout(m, 0f, rng));
        assertEquals(0, g.size(), "nothing recorded");
        assertEquals(new SplittableRandom(11).nextLong(), rng.nextLong(), "nothing drawn");
    }

    @Test
    void aFreshMaskAtEveryCallAndNoAllocationOnceTheShapesRepeat() {
        Mat m = Mat.uniform(8, 8, 1f, new SplittableRandom(12));
        SplittableRandom rng = new SplittableRandom(13);
        Graph g = new Graph();
        float[] first = g.dropout(m, 0.5f, rng).w.clone();
        g.reset();
        int allocations = g.allocations();
        float[] second = g.dropout(m, 0.5f, rng).w.clone();
        assertFalse(java.util.Arrays.equals(first, second), "a new mask at each call");
        assertEquals(allocations, g.allocations(), "the op, its output and its mask are reused");
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        Mat m = new Mat(2, 2);
        for (float p : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new Graph().dropout(m, p, new SplittableRandom(1)),
                    "p = " + p);
        }
    }
}
