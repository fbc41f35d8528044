package org.recurrent4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Dropout;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.StepResult;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.Vocabulary;

/**
 * Trains a {@link CharModel}, one optimizer step per {@link #step()}, in one of two modes: sentences (the seed's
 * tick, or B sentences per step, see {@link #sentences}) or a continuous corpus (char-rnn's streams with
 * truncated backpropagation, see {@link #corpus}). Every {@link TrainingConfig#reportEvery()} steps it makes a
 * {@link Metrics} record. One graph is reused across steps, so a steady-state step allocates no buffers. The same
 * generator seed gives the same losses, bit for bit, on the same machine. Between steps, {@link #state()} takes
 * everything besides the model and the data that the next steps depend on, and {@link #restore} continues from it
 * exactly: N steps, a save and N more give the same parameters and reports as 2N steps. Nothing is printed. Not
 * thread-safe: use the model from other threads (sampling, saving) only between steps.
 *
 * <p>Each step's learning rate comes from the configuration's schedule ({@link TrainingConfig#learningRate(long,
 * long)}), a function of the step, so a restored trainer continues it exactly. With a dropout rate above 0 each
 * step draws fresh masks from a generator of the trainer's own (seeded from the generator the trainer is given),
 * whose state {@link #state()} saves.
 */
public final class Trainer {
    /**
     * A step whose loss per prediction exceeds this many times an untrained model's (ln of the number of outputs)
     * has diverged: the parameters have left any region that learning reaches.
     */
    public static final double DIVERGENCE_FACTOR = 100;

    private final CharModel model;
    private final double divergenceLimit;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final TrainingMode mode;
    private final Graph graph = new Graph();
    private final IntervalStats stats;
    private final List<Metrics> history = new ArrayList<>();
    /** The generator of the dropout masks, null without dropout. */
    private SplitMix64 masks;
    private Dropout dropout;
    private long step;
    private long startNanos = -1;
    private long lastNanos;
    private double elapsedBefore;

    private Trainer(CharModel model, Optimizer optimizer, TrainingConfig config, TrainingMode mode, int sentences,
                    RandomGenerator rng) {
        this.model = model;
        this.divergenceLimit = DIVERGENCE_FACTOR * Math.log(model.vocabulary().size());
        this.optimizer = optimizer;
        this.config = config;
        this.mode = mode;
        this.stats = new IntervalStats(sentences);
        if (config.dropout() > 0) {
            if (rng == null) {
                throw new IllegalArgumentException("a dropout of " + config.dropout() + " draws its masks from a "
                        + "generator: give the trainer one (Trainer.corpus(model, data, optimizer, config, rng))");
            }
            useMasks(new SplitMix64(rng.nextLong()));
        } else {
            useMasks(null);
        }
    }

    private void useMasks(SplitMix64 generator) {
        masks = generator;
        dropout = generator == null ? Dropout.NONE : Dropout.of(config.dropout(), generator);
    }

    /**
     * Sentence mode: each step trains {@code config.batch()} random sentences of {@code data} (drawn from
     * {@code rng}), each from the zero state, with the sum of their gradients. Batch 1 is the seed's tick. To
     * {@link #state() save the state}, {@code rng} must be a {@link SplitMix64}. With dropout, the seed of the
     * mask generator is drawn from {@code rng} first.
     */
    public static Trainer sentences(CharModel model, SentenceData data, Optimizer optimizer, TrainingConfig config,
                                    RandomGenerator rng) {
        checkVocabulary(model, data.vocabulary(), data.source());
        SentenceSteps mode = new SentenceSteps(model, data, config.batch(), rng);
        return new Trainer(model, optimizer, config, mode, config.reportEvery() * config.batch(), rng);
    }

    /**
     * Corpus mode: each step trains {@code config.batch()} streams over the training split for
     * {@code config.seqLength()} steps, carrying the state across steps, and measures the validation loss every
     * {@code config.validateEvery()} steps. Without dropout; see {@link #corpus(CharModel, CorpusData, Optimizer,
     * TrainingConfig, RandomGenerator)}.
     *
     * @throws IllegalArgumentException if the configuration has a dropout rate above 0
     */
    public static Trainer corpus(CharModel model, CorpusData data, Optimizer optimizer, TrainingConfig config) {
        return corpus(model, data, optimizer, config, null);
    }

    /**
     * Corpus mode with a generator: with dropout, the seed of the mask generator is drawn from {@code rng}
     * (which is not used otherwise, and may be null without dropout).
     */
    public static Trainer corpus(CharModel model, CorpusData data, Optimizer optimizer, TrainingConfig config,
                                 RandomGenerator rng) {
        checkVocabulary(model, data.vocabulary(), data.source());
        CorpusSteps mode = new CorpusSteps(model, data, config.batch(), config.seqLength());
        return new Trainer(model, optimizer, config, mode, 0, rng);
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
     * @throws TrainingDivergedException if the loss or a gradient is NaN or infinite, or the loss per prediction is
     *     over {@link #DIVERGENCE_FACTOR} times an untrained model's; nothing was changed
     */
    public Optional<Metrics> step() {
        long t0 = System.nanoTime();
        if (startNanos < 0) startNanos = t0;
        double nats = advance();
        long t1 = System.nanoTime();
        lastNanos = t1;
        stats.add(nats, mode.predictions(), t1 - t0);
        if (step % config.reportEvery() != 0) return Optional.empty();
        Double valLoss = step % config.validateEvery() == 0 ? mode.validationLoss() : null;
        Metrics m = new Metrics(step, stats.loss(), Math.exp(stats.loss()), stats.medianPerplexity(), valLoss,
                mode.epoch(), Double.parseDouble(Float.toString(learningRate(step))), stats.predictions() / stats.seconds(),
                elapsedBefore + (t1 - startNanos) / 1e9);
        stats.clear();
        history.add(m);
        return Optional.of(m);
    }

    /**
     * Runs {@code count} steps as one worker of data-parallel training does: each the same step as {@link #step()},
     * but with no reports, no validation and no timing (in corpus mode the report interval in progress is left as
     * it was). Returns each step's loss in nats, in step order (corpus mode: over {@code batch × seqLength}
     * predictions each), so that a caller combining several workers adds them up in the order one trainer would.
     *
     * @throws TrainingDivergedException as {@link #step()} does; the steps before the failing one stay taken
     */
    public double[] localSteps(int count) {
        if (count < 0) throw new IllegalArgumentException("localSteps: negative count " + count);
        double[] nats = new double[count];
        for (int i = 0; i < count; i++) nats[i] = advance();
        return nats;
    }

    /** One optimizer step, the step counter included; returns its loss in nats. */
    private double advance() {
        graph.reset();
        double nats = mode.forwardBackward(graph, stats, dropout);
        if (!Double.isFinite(nats)) {
            zeroGradients();
            throw new TrainingDivergedException(step + 1, "the loss is " + (Double.isNaN(nats) ? "NaN" : "infinite"));
        }
        double perPrediction = nats / Math.max(1, mode.predictions());
        if (perPrediction > divergenceLimit) {
            zeroGradients();
            throw new TrainingDivergedException(step + 1, String.format(java.util.Locale.ROOT,
                    "the loss is %.4g nats per character, over %.0f × ln %d = %.1f (an untrained model's is about %.2f)",
                    perPrediction, DIVERGENCE_FACTOR, model.vocabulary().size(), divergenceLimit,
                    Math.log(model.vocabulary().size())));
        }
        float rate = learningRate(step + 1);
        StepResult result = optimizer.step(model.parameters(), rate, config.regc(), config.clip());
        if (result.nonFinite()) {
            zeroGradients();
            throw new TrainingDivergedException(step + 1, "the gradient of " + result.nonFiniteParameter()
                    + " is NaN or infinite");
        }
        mode.afterStep();
        step++;
        return nats;
    }

    /**
     * The name of the first parameter holding a NaN or an infinity (a step's update overflowed it), or null when
     * every value is finite. A model that fails this must not be saved.
     */
    public String overflowedParameter() {
        var elementWise = org.recurrent4j.kernel.Kernels.get().elementWise();
        for (Parameter p : model.parameters()) {
            var m = p.mat();
            if (!elementWise.allFinite(m.size(), m.w, m.offset)) return p.name();
        }
        return null;
    }

    /**
     * The learning rate of step {@code step} (1 for the first) under the configuration's schedule, an epoch being
     * {@link #stepsPerEpoch()} steps.
     */
    public float learningRate(long step) {
        return config.learningRate(step, mode.stepsPerEpoch());
    }

    /**
     * The steps of an epoch, as the schedule counts them: a pass over the corpus's streams, or in sentence mode
     * ⌈sentences / batch⌉ steps (one pass worth of sentences, drawn at random).
     */
    public long stepsPerEpoch() {
        return mode.stepsPerEpoch();
    }

    /** Runs {@code steps} steps, handing each report to {@code listener}. */
    public void train(long steps, Consumer<Metrics> listener) {
        for (long i = 0; i < steps; i++) step().ifPresent(listener);
    }

    private void zeroGradients() {
        for (Parameter p : model.parameters()) p.mat().zeroGrad();
    }

    /**
     * Everything the next steps depend on besides the model's parameters and the data, for a checkpoint.
     *
     * @throws IllegalStateException in sentence mode, if the sentences are drawn from a generator other than
     *     {@link SplitMix64}, whose state cannot be saved
     */
    public TrainerState state() {
        double elapsed = elapsedBefore + (startNanos < 0 ? 0 : (lastNanos - startNanos) / 1e9);
        return new TrainerState(step, config, mode.fingerprint(), optimizer.state(), mode.position(),
                stats.snapshot(), elapsed, history, masks == null ? null : masks.state());
    }

    /**
     * Continues from {@code state}, taken from a trainer of the same mode, configuration and data whose model's
     * parameters are this trainer's model's (e.g. both loaded from one checkpoint). Everything is checked before
     * anything changes.
     *
     * @throws IllegalArgumentException if the state does not fit: another configuration, other data, another
     *     optimizer kind or buffer shapes, another mode or a position outside the data
     */
    public void restore(TrainerState state) {
        if (!state.config().equals(config)) {
            throw new IllegalArgumentException("restore: the state was made with " + state.config()
                    + ", this trainer has " + config);
        }
        if (state.dataFingerprint() != mode.fingerprint()) {
            throw new IllegalArgumentException("restore: the training data differs from the data the state was "
                    + "made with; resuming needs the same data");
        }
        String misfit = mode.misfit(state.position());
        if (misfit != null) throw new IllegalArgumentException("restore: the position does not fit: " + misfit);
        optimizer.restore(state.optimizer(), model.parameters()); // checks, then changes
        mode.restore(state.position(), state.step());
        stats.restore(state.interval());
        history.clear();
        history.addAll(state.history());
        useMasks(state.dropoutGenerator() == null ? null : new SplitMix64(state.dropoutGenerator()));
        step = state.step();
        elapsedBefore = state.elapsedSeconds();
        startNanos = -1;
    }

    /** Every report made so far, including those before a {@link #restore}. */
    public List<Metrics> history() {
        return Collections.unmodifiableList(history);
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
