package org.recurrent4j.text;

import java.util.Objects;

/**
 * How a {@link Sampler} generates: the temperature that divides the logits when sampling (ignored by argmax),
 * whether to take the most likely character instead of sampling, a prime text fed after START before generation,
 * and the largest number of characters to generate (generation also stops at END).
 */
public record SampleOptions(float temperature, boolean argmax, String prime, int maxLength) {
    /** The seed demo's limit on generated characters. */
    public static final int MAX_LENGTH = 100;

    public SampleOptions {
        if (!(temperature > 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        Objects.requireNonNull(prime, "prime");
        if (maxLength < 0) throw new IllegalArgumentException("length must be at least 0, got " + maxLength);
    }

    /** Sampling at temperature 1, no prime, at most 100 characters. */
    public static SampleOptions defaults() {
        return new SampleOptions(1f, false, "", MAX_LENGTH);
    }

    public SampleOptions withTemperature(float value) {
        return new SampleOptions(value, argmax, prime, maxLength);
    }

    public SampleOptions withArgmax(boolean value) {
        return new SampleOptions(temperature, value, prime, maxLength);
    }

    public SampleOptions withPrime(String value) {
        return new SampleOptions(temperature, argmax, value, maxLength);
    }

    public SampleOptions withMaxLength(int value) {
        return new SampleOptions(temperature, argmax, prime, value);
    }
}
