package org.recurrent4j.train;

/**
 * One report of a {@link Trainer}, made every {@link TrainingConfig#reportEvery()} steps and written by the CLI as
 * one JSON line. Over the steps since the previous report: {@code loss} is the mean nats per predicted character
 * and {@code perplexity} is e^loss. {@code medianPerplexity} (sentence mode, else null) is the median over those
 * steps' sentences of each sentence's own perplexity, e^(mean nats over its n + 1 predictions) =
 * 2^(mean bits). {@code valLoss} (corpus mode, when measured at this step, else null) is the mean nats per
 * character over the validation split; {@code epoch} (corpus mode, else null) counts passes over the training
 * split. {@code learningRate} is the rate of this report's step, as the schedule set it (null in the reports of
 * earlier releases, which had no schedule). {@code charsPerSecond} is predictions per second of time spent inside
 * training steps (sampling, saving and validation excluded); {@code elapsedSeconds} is wall time since the first
 * step.
 */
public record Metrics(long step, double loss, double perplexity, Double medianPerplexity, Double valLoss,
                      Double epoch, Double learningRate, double charsPerSecond, double elapsedSeconds) {
    /** A report without a learning rate, as the reports of earlier releases are. */
    public Metrics(long step, double loss, double perplexity, Double medianPerplexity, Double valLoss, Double epoch,
                   double charsPerSecond, double elapsedSeconds) {
        this(step, loss, perplexity, medianPerplexity, valLoss, epoch, null, charsPerSecond, elapsedSeconds);
    }
}
