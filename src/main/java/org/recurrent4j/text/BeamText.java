package org.recurrent4j.text;

import java.util.Objects;

/**
 * One result of a {@link BeamSearch}: a continuation of the prime (the prime itself not included), its total
 * log-probability in nats under the model given START and the prime, and whether it ended at END (then its
 * log-probability includes END's, and it is shorter than the length limit) rather than at the length limit.
 */
public record BeamText(String text, double logProbability, boolean ended) {
    public BeamText {
        Objects.requireNonNull(text, "text");
    }
}
