package org.recurrent4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.Evaluator;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SettingException;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingConfig;
import org.recurrent4j.train.TrainingData;
import org.recurrent4j.train.TrainingDivergedException;

/**
 * Data-parallel training of a character model in corpus mode on Spark: local SGD with periodic averaging.
 *
 * <p>The run's {@code batch} streams (as {@code train --data} cuts them) are dealt out to P partitions, S =
 * batch / P consecutive streams each, so that every partition trains a fixed part of the corpus. A round
 * broadcasts the parameters and the optimizer's state as one flat array; every partition loads them with its own
 * position (cursor and carried state), takes up to K steps with truncated backpropagation on the engine's
 * {@link Trainer}, and returns its parameters, optimizer state, position and losses; {@code treeAggregate} sums the
 * arrays and the driver divides by P. A round ends at the next multiple of K or of the report interval, whichever
 * comes first, so reports, validation and checkpoints see averaged parameters, and a run saved at such a step
 * resumes exactly. With one partition and K = 1 every step is the single-machine trainer's, bit for bit.
 *
 * <p>The driver keeps a {@link Trainer} over the whole corpus with all the streams; it never steps, but holds
 * the model and takes the averaged state before each save, so checkpoints are the engine's own: {@code train
 * --resume} continues one on one machine, {@link #resume} on the cluster. Reports are made as the trainer makes
 * them; their speed and time are wall time on the driver. Nothing is printed. Not thread-safe.
 */
public final class SparkTrainer implements AutoCloseable {
    /** The checkpoint's training setting that records the number of partitions. */
    public static final String PARTITIONS = "partitions";
    /** The checkpoint's training setting that records K. */
    public static final String AVERAGE_EVERY = "averageEvery";
    /** The depth of {@code treeAggregate}'s tree: partial sums of about √P partitions each before the driver. */
    static final int TREE_DEPTH = 2;

    private final JavaSparkContext sc;
    private final RunSettings settings;
    private final Distribution distribution;
    private final TrainingConfig config;
    private final Trainer driver;
    private final CharModel model;
    private final List<Parameter> params;
    private final int parameterCount;
    private final long fingerprint;
    private final int[] validation;
    private final int chunksPerEpoch;
    private final WorkerSpec spec;
    private final List<Broadcast<int[]>> slices;
    private final PartitionFault fault;
    private final List<Metrics> history = new ArrayList<>();
    private PartitionPosition[] positions;
    private OptimizerState optimizer;
    private long step;
    private double nats;
    private long predictions;
    private long nanos;
    private double elapsedBefore;
    private long startNanos = -1;
    private long lastNanos;

    private SparkTrainer(JavaSparkContext sc, RunSettings settings, Distribution distribution, CorpusData data,
                         Trainer driver, int threads, PartitionFault fault) {
        distribution.check(driver.config());
        String unsupported = unsupported(settings);
        if (unsupported != null) {
            throw new IllegalArgumentException("data-parallel training does not support " + unsupported);
        }
        this.sc = sc;
        this.settings = settings;
        this.distribution = distribution;
        this.config = driver.config();
        this.driver = driver;
        this.model = driver.model();
        this.params = model.parameters();
        this.parameterCount = FlatState.parameterCount(params);
        this.fingerprint = data.fingerprint();
        this.validation = data.validation();
        this.fault = fault;
        int partitions = distribution.partitions();
        int streams = distribution.streamsPerPartition(config);
        int segment = data.trainingLength() / config.batch(); // each stream's segment, as CorpusStreams cuts it
        this.chunksPerEpoch = (segment - 1) / config.seqLength();
        TrainingConfig partitionConfig = new TrainingConfig(config.learningRate(), config.regc(), config.clip(),
                streams, config.seqLength(), config.reportEvery(), config.validateEvery(), config.threads());
        this.spec = WorkerSpec.of(UUID.randomUUID().toString(), model, settings.optimizer(), partitionConfig, threads);
        int[] training = data.training();
        List<Broadcast<int[]>> parts = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int from = p * streams * segment;
            parts.add(sc.broadcast(Arrays.copyOfRange(training, from, from + streams * segment)));
        }
        this.slices = List.copyOf(parts);
        TrainerState state = driver.state();
        this.step = state.step();
        this.optimizer = state.optimizer();
        this.nats = state.interval().nats();
        this.predictions = state.interval().predictions();
        this.nanos = state.interval().nanos();
        this.elapsedBefore = state.elapsedSeconds();
        this.history.addAll(state.history());
        this.positions = PartitionPosition.split((TrainerState.Corpus) state.position(), model.hiddenSizes(), partitions);
    }

    /**
     * A new run: reads the data of {@code settings} (a corpus: {@code --data} or the embedded text), draws the
     * model's weights as {@code train} does from the seed, and deals the streams out to the partitions.
     *
     * @throws IOException if the data cannot be read
     * @throws SettingException for sentence data, or a partition count that does not divide the streams
     */
    public static SparkTrainer start(JavaSparkContext sc, RunSettings settings, Distribution distribution)
            throws IOException {
        return start(sc, settings, distribution, settings.data().load(null), 0);
    }

    /**
     * As {@link #start(JavaSparkContext, RunSettings, Distribution)} with the data already read, and the size of
     * the executors' kernel pool ({@code threads}; 0 leaves theirs).
     */
    public static SparkTrainer start(JavaSparkContext sc, RunSettings settings, Distribution distribution,
                                     TrainingData.Loaded loaded, int threads) {
        return start(sc, settings, distribution, loaded, threads, PartitionFault.NONE);
    }

    static SparkTrainer start(JavaSparkContext sc, RunSettings settings, Distribution distribution,
                              TrainingData.Loaded loaded, int threads, PartitionFault fault) {
        CorpusData data = corpus(loaded);
        distribution.check(settings.config());
        // the seed's first split draws the weights, as train draws them
        Trainer driver = settings.newTrainer(loaded, new SplitMix64(settings.seed()).split());
        return new SparkTrainer(sc, settings, distribution, data, driver, threads, fault);
    }

    /**
     * Continues the run saved in {@code checkpoint} (written by this class or by {@code train} in corpus mode),
     * with {@code settings} (its own, {@link Checkpoint#settings()}, perhaps with the data at another place or
     * another step target) and {@code distribution} (any partition count that divides its streams). With the
     * distribution it was saved with, the run goes on as if it had not stopped.
     *
     * @throws IllegalArgumentException if the data or the settings do not fit the checkpoint
     */
    public static SparkTrainer resume(JavaSparkContext sc, Checkpoint checkpoint, RunSettings settings,
                                      Distribution distribution, TrainingData.Loaded loaded, int threads) {
        return resume(sc, checkpoint, settings, distribution, loaded, threads, PartitionFault.NONE);
    }

    static SparkTrainer resume(JavaSparkContext sc, Checkpoint checkpoint, RunSettings settings,
                               Distribution distribution, TrainingData.Loaded loaded, int threads,
                               PartitionFault fault) {
        CorpusData data = corpus(loaded);
        TrainerState state = checkpoint.trainer();
        distribution.check(state.config());
        Trainer driver = loaded.trainer(checkpoint.saved().model(), RunSettings.optimizer(state.optimizer().kind()),
                state.config(), new SplitMix64(0));
        driver.restore(state);
        return new SparkTrainer(sc, settings, distribution, data, driver, threads, fault);
    }

    /**
     * What of {@code settings} the workers would not train as {@code train} does, named by its options (dropout,
     * a learning-rate schedule, keeping the best model, patience), or null when nothing.
     */
    public static String unsupported(RunSettings settings) {
        TrainingConfig c = settings.config();
        List<String> what = new ArrayList<>();
        if (c.dropout() > 0) what.add("--dropout " + c.dropout());
        if (c.warmup() > 0 || c.lrDecay() < 1) what.add("a learning-rate schedule (--warmup, --lr-decay)");
        if (settings.keepBest()) what.add("--keep-best");
        if (settings.patience() > 0) what.add("--patience " + settings.patience());
        return what.isEmpty() ? null : String.join(" and ", what);
    }

    /**
     * The distribution a checkpoint records, or one partition averaging every step for a file that records none
     * (a single-machine run's).
     */
    public static Distribution recorded(Checkpoint checkpoint) {
        Map<String, String> t = checkpoint.saved().training();
        return new Distribution(number(t.get(PARTITIONS)), number(t.get(AVERAGE_EVERY)));
    }

    private static int number(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's distribution setting '" + text + "' is not a number");
        }
    }

    private static CorpusData corpus(TrainingData.Loaded loaded) {
        if (loaded instanceof TrainingData.LoadedCorpus c) return c.data();
        throw new SettingException("--sentences", "data-parallel training reads a continuous text (--data); "
                + "sentence mode is not supported", null);
    }

    /**
     * One round: up to {@code limit} steps on every partition, fewer when the next multiple of K or of the report
     * interval comes first, then the average. Returns the report when the round ends at one.
     *
     * @throws TrainingDivergedException if a partition's training diverged or the average overflowed; the
     *     trainer keeps the state before the round
     * @throws PartitionFailedException if a partition or the job failed otherwise; the same
     */
    public Optional<Metrics> round(long limit) {
        if (limit < 1) throw new IllegalArgumentException("round: the step limit must be at least 1, got " + limit);
        // rounds end at multiples of K and of the report interval, so that where they end depends on the step
        // alone: a run saved at such a step and resumed averages where the uninterrupted run does
        int k = (int) Math.min(Math.min(distribution.averageEvery() - step % distribution.averageEvery(), limit),
                config.reportEvery() - step % config.reportEvery());
        long t0 = System.nanoTime();
        if (startNanos < 0) startNanos = t0;
        String[] names = optimizer.buffers().keySet().toArray(String[]::new);
        RoundInput in = new RoundInput(step, k, FlatState.flatten(params, optimizer, names), names,
                FlatState.lengths(optimizer, names), optimizer.steps());
        RoundSum sum = aggregate(in);
        if (sum.failure != null) {
            throw new TrainingDivergedException(sum.failure.failedStep, "partition " + sum.failure.index + ": "
                    + sum.failure.failure.replaceFirst("^training diverged at step \\d+: ", ""));
        }
        if (sum.count != distribution.partitions()) {
            throw new PartitionFailedException("a round returned " + sum.count + " of "
                    + distribution.partitions() + " partitions' results", null);
        }
        PartitionResult[] parts = sum.sorted();
        float[] average = sum.total;
        float p = distribution.partitions();
        for (int i = 0; i < average.length; i++) average[i] /= p;
        for (int i = 0; i < parameterCount; i++) {
            if (!Float.isFinite(average[i])) {
                throw new TrainingDivergedException(step + k, "the average of the partitions' parameters overflowed");
            }
        }
        // commit: nothing above changed the trainer
        FlatState.loadParameters(average, params);
        optimizer = new OptimizerState(optimizer.kind(), parts[0].optimizerSteps,
                FlatState.buffers(average, parameterCount, parts[0].bufferNames, parts[0].bufferLengths));
        for (int s = 0; s < k; s++) {
            for (PartitionResult r : parts) nats += r.nats[s]; // step by step, in the order one trainer adds them
            predictions += (long) config.batch() * config.seqLength();
        }
        for (int i = 0; i < parts.length; i++) positions[i] = parts[i].position;
        step += k;
        long t1 = System.nanoTime();
        lastNanos = t1;
        nanos += t1 - t0;
        if (step % config.reportEvery() != 0) return Optional.empty();
        Double valLoss = step % config.validateEvery() == 0 && validation.length >= 2
                ? Evaluator.corpus(model, validation, config.batch()).loss() : null;
        double loss = nats / predictions;
        Metrics m = new Metrics(step, loss, Math.exp(loss), null, valLoss, (double) step / chunksPerEpoch,
                predictions / (nanos / 1e9), elapsedBefore + (t1 - startNanos) / 1e9);
        nats = 0;
        predictions = 0;
        nanos = 0;
        history.add(m);
        return Optional.of(m);
    }

    private RoundSum aggregate(RoundInput in) {
        Broadcast<RoundInput> broadcast = sc.broadcast(in);
        try {
            return sc.parallelize(Arrays.asList(positions), distribution.partitions())
                    .mapPartitions(new RoundTask(spec, slices, broadcast, fault))
                    .treeAggregate(new RoundSum(), new RoundSum.Add(), new RoundSum.Merge(), TREE_DEPTH);
        } catch (Exception e) { // Spark's job failures are checked SparkExceptions thrown undeclared
            throw failure(e, in);
        } finally {
            if (!sc.sc().isStopped()) broadcast.destroy(); // after a shutdown there is nothing left to release
        }
    }

    /** A failed round's job as one exception whose message names the partition and the cause, if Spark kept them. */
    private static RuntimeException failure(Exception e, RoundInput in) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PartitionFailedException p) return new PartitionFailedException(p.getMessage(), e);
        }
        String what = e instanceof SparkException || e.getMessage() != null ? PartitionFailedException.describe(e)
                : e.toString();
        return new PartitionFailedException("the round of steps " + (in.step() + 1) + " to " + (in.step() + in.steps())
                + " failed: " + what, e);
    }

    /** Runs rounds until {@code steps} more steps are taken, handing each report to {@code listener}. */
    public void train(long steps, Consumer<Metrics> listener) {
        long end = step + steps;
        while (step < end) round(end - step).ifPresent(listener);
    }

    /**
     * Everything a checkpoint holds besides the model: the averaged optimizer state, the position of all the
     * streams (the partitions' carried states side by side), the report interval in progress, the elapsed time
     * and the reports; the configuration is the run's, with all its streams.
     */
    public TrainerState state() {
        double elapsed = elapsedBefore + (startNanos < 0 ? 0 : (lastNanos - startNanos) / 1e9);
        return new TrainerState(step, config, fingerprint, optimizer,
                PartitionPosition.merge(positions, model.hiddenSizes()),
                new TrainerState.Interval(nats, predictions, nanos, new double[0]), elapsed, history);
    }

    /**
     * Writes a checkpoint in the engine's format, atomically: the model, {@link #state()}, the run's settings with
     * the partitions and K beside them, and the named generators' states.
     */
    public void save(Path file, Map<String, SplitMix64.State> generators) throws IOException {
        driver.restore(state());
        Checkpoint.save(file, driver, settings, Map.of(PARTITIONS, Integer.toString(distribution.partitions()),
                AVERAGE_EVERY, Integer.toString(distribution.averageEvery())), generators);
    }

    /** The number of steps taken, each by every partition. */
    public long steps() {
        return step;
    }

    /** The driver's model, holding the averaged parameters between rounds. */
    public CharModel model() {
        return model;
    }

    /** Every report made so far, those before a resume included. */
    public List<Metrics> history() {
        return Collections.unmodifiableList(history);
    }

    public RunSettings settings() {
        return settings;
    }

    public Distribution distribution() {
        return distribution;
    }

    /** The averaged optimizer state. */
    public OptimizerState optimizerState() {
        return optimizer;
    }

    /** Releases the corpus parts the executors hold. */
    @Override
    public void close() {
        if (sc.sc().isStopped()) return; // Spark released everything when it stopped
        for (Broadcast<int[]> b : slices) b.destroy();
    }
}
