package org.recurrent4j.train;

import java.util.Arrays;

/** What a trainer adds up between two reports: nats, predictions, time, and each sentence's perplexity. */
final class IntervalStats {
    private double nats;
    private long predictions;
    private long nanos;
    private double[] perplexities;
    private int sentences;

    IntervalStats(int expectedSentences) {
        perplexities = new double[Math.max(1, expectedSentences)];
    }

    void add(double stepNats, long stepPredictions, long stepNanos) {
        nats += stepNats;
        predictions += stepPredictions;
        nanos += stepNanos;
    }

    /** Records one sentence's perplexity: e^(its nats / its n + 1 predictions). */
    void addSentence(double sentenceNats, int sentencePredictions) {
        if (sentences == perplexities.length) perplexities = Arrays.copyOf(perplexities, sentences * 2);
        perplexities[sentences++] = Math.exp(sentenceNats / sentencePredictions);
    }

    double loss() {
        return nats / predictions;
    }

    long predictions() {
        return predictions;
    }

    double seconds() {
        return nanos / 1e9;
    }

    /** The median sentence perplexity (the mean of the two middle ones for an even count), or null if none. */
    Double medianPerplexity() {
        if (sentences == 0) return null;
        double[] sorted = Arrays.copyOf(perplexities, sentences);
        Arrays.sort(sorted);
        int mid = sentences / 2;
        return sentences % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** A copy of the interval so far, for a checkpoint. */
    TrainerState.Interval snapshot() {
        return new TrainerState.Interval(nats, predictions, nanos, Arrays.copyOf(perplexities, sentences));
    }

    /** Continues the interval of a {@link #snapshot()}. */
    void restore(TrainerState.Interval interval) {
        nats = interval.nats();
        predictions = interval.predictions();
        nanos = interval.nanos();
        double[] p = interval.perplexities();
        perplexities = Arrays.copyOf(p, Math.max(perplexities.length, Math.max(1, p.length)));
        sentences = p.length;
    }

    void clear() {
        nats = 0;
        predictions = 0;
        nanos = 0;
        sentences = 0;
    }
}
