package org.recurrent4j.model;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.recurrent4j.tensor.Mat;

/**
 * How a model's weight matrices are drawn: uniform on [−std, std] (RecurrentJS, the default) or Gaussian
 * N(0, std²) (RecurrentNN.jl). Biases always start at zero.
 */
public record Init(Distribution distribution, float std) {
    /** The distribution of the initial weights. */
    public enum Distribution { UNIFORM, GAUSSIAN }

    /** Uniform on [−0.08, 0.08], as both seed libraries' models use std 0.08. */
    public static final Init DEFAULT = new Init(Distribution.UNIFORM, 0.08f);

    public Init {
        Objects.requireNonNull(distribution, "distribution");
        if (!(std >= 0f) || Float.isInfinite(std)) {
            throw new IllegalArgumentException("Init: std must be finite and >= 0, got " + std);
        }
    }

    public static Init uniform(float std) {
        return new Init(Distribution.UNIFORM, std);
    }

    public static Init gaussian(float std) {
        return new Init(Distribution.GAUSSIAN, std);
    }

    /** Overwrites every element of {@code m} (which may be a row-block view) with a fresh draw. */
    public void fill(Mat m, RandomGenerator rng) {
        int end = m.offset + m.size();
        for (int k = m.offset; k < end; k++) {
            m.w[k] = distribution == Distribution.UNIFORM
                    ? (float) (rng.nextDouble() * 2 - 1) * std
                    : (float) (rng.nextGaussian() * std);
        }
    }
}
