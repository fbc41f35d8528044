package org.recurrent4j.bench.kernel;

import java.util.random.RandomGenerator;

/** Seeded random operands for the kernel benchmarks. */
final class RandomArrays {
    private RandomArrays() {}

    /** n floats drawn uniformly from [lo, hi). */
    static float[] uniform(RandomGenerator rng, int n, float lo, float hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * rng.nextFloat();
        return x;
    }

    /** n floats drawn from a normal distribution with mean 0 and the given standard deviation. */
    static float[] gaussian(RandomGenerator rng, int n, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (sd * rng.nextGaussian());
        return x;
    }

    /** n class indices drawn uniformly from 0..classes−1. */
    static int[] indices(RandomGenerator rng, int n, int classes) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = rng.nextInt(classes);
        return t;
    }
}
