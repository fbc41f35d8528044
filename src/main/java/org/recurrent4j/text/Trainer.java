package org.recurrent4j.text;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.StepResult;

/**
 * Trains a {@link CharModel}, one optimizer step per {@link #step()}, in one of two modes: sentences (the seed's
 * tick, or B sentences per step, see {@link #sentences}) or a continuous corpus (char-rnn's streams with
 * truncated backpropagation, see {@link #corpus}). Every {@link TrainingConfig#reportEvery()} steps it makes a
 * {@link Metrics} record. One graph is reused across steps, so a steady-state step allocates no buffers. The same
 * generator seed gives the same losses, bit for bit, on the same machine. Nothing is printed. Not thread-safe: use
 * the model from other threads (sampling, saving) only between steps.
 */
public final class Trainer {
    private final CharModel model;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final TrainingMode mode;
    private final Graph graph = new Graph();
    private final IntervalStats stats;
    private long step;
    private long startNanos = -1;

    private Trainer(CharModel model, Optimizer optimizer, TrainingConfig config, TrainingMode mode, int sentences) {
        this.model = model;
        this.optimizer = optimizer;
        this.config = config;
        this.mode = mode;
        this.stats = new IntervalStats(sentences);
    }

    /**
     * Sentence mode: each step trains {@code config.batch()} random sentences of {@code data} (drawn from
     * {@code rng}), each from the zero state, with the sum of their gradients. Batch 1 is the seed's tick.
     */
    public static Trainer sentences(CharModel model, SentenceData data, Optimizer optimizer, TrainingConfig config,
                                    RandomGenerator rng) {
        checkVocabulary(model, data.vocabulary(), data.source());
        SentenceSteps mode = new SentenceSteps(model, data, config.batch(), rng);
        return new Trainer(model, optimizer, config, mode, config.reportEvery() * config.batch());
    }

    /**
     * Corpus mode: each step trains {@code config.batch()} streams over the training split for
     * {@code config.seqLength()} steps, carrying the state across steps, and measures the validation loss every
     * {@code config.validateEvery()} steps.
     */
    public static Trainer corpus(CharModel model, CorpusData data, Optimizer optimizer, TrainingConfig config) {
        checkVocabulary(model, data.vocabulary(), data.source());
        CorpusSteps mode = new CorpusSteps(model, data, config.batch(), config.seqLength());
        return new Trainer(model, optimizer, config, mode, 0);
    }

    private static void checkVocabulary(CharModel model, Vocabulary data, String source) {
        if (!model.vocabulary().equals(data)) {
            throw new IllegalArgumentException(source + ": its vocabulary (" + data + ") is not the model's ("
                    + model.vocabulary() + ")");
        }
    }

    /**
     * One optimizer step. Returns the report when this step completes a report interval.
     *
     * @throws TrainingDivergedException if the loss or a gradient is NaN or infinite; nothing was changed
     */
    public Optional<Metrics> step() {
        long t0 = System.nanoTime();
        if (startNanos < 0) startNanos = t0;
        graph.reset();
        double nats = mode.forwardBackward(graph, stats);
        if (!Double.isFinite(nats)) {
            zeroGradients();
            throw new TrainingDivergedException(step + 1, "the loss is " + (Double.isNaN(nats) ? "NaN" : "infinite"));
        }
        StepResult result = optimizer.step(model.parameters(), config.learningRate(), config.regc(), config.clip());
        if (result.nonFinite()) {
            zeroGradients();
            throw new TrainingDivergedException(step + 1, "the gradient of " + result.nonFiniteParameter()
                    + " is NaN or infinite");
        }
        mode.afterStep();
        step++;
        long t1 = System.nanoTime();
        stats.add(nats, mode.predictions(), t1 - t0);
        if (step % config.reportEvery() != 0) return Optional.empty();
        Double valLoss = step % config.validateEvery() == 0 ? mode.validationLoss() : null;
        Metrics m = new Metrics(step, stats.loss(), Math.exp(stats.loss()), stats.medianPerplexity(), valLoss,
                mode.epoch(), stats.predictions() / stats.seconds(), (t1 - startNanos) / 1e9);
        stats.clear();
        return Optional.of(m);
    }

    /** Runs {@code steps} steps, handing each report to {@code listener}. */
    public void train(long steps, Consumer<Metrics> listener) {
        for (long i = 0; i < steps; i++) step().ifPresent(listener);
    }

    private void zeroGradients() {
        for (Parameter p : model.parameters()) p.mat().zeroGrad();
    }

    /** The number of steps completed. */
    public long steps() {
        return step;
    }

    public CharModel model() {
        return model;
    }

    public TrainingConfig config() {
        return config;
    }

    public Optimizer optimizer() {
        return optimizer;
    }
}
