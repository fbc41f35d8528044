package org.recurrent4j.text;

/**
 * How well a model predicts a text: the total cross-entropy in nats over {@code predictions} predicted
 * characters. Bits per character and perplexity follow from them; perplexity is e^(nats / predictions) =
 * 2^(bits per character).
 */
public record Evaluation(double nats, long predictions) {
    public Evaluation {
        if (predictions < 1) throw new IllegalArgumentException("an evaluation needs at least one prediction, got " + predictions);
    }

    /** Mean nats per prediction. */
    public double loss() {
        return nats / predictions;
    }

    public double bitsPerChar() {
        return loss() / Math.log(2);
    }

    public double perplexity() {
        return Math.exp(loss());
    }
}
