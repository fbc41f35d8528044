package org.recurrent4j.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.cli.options.TrainOptions;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.OutputFiles;
import org.recurrent4j.io.StrictJson;
import org.recurrent4j.kernel.KernelThreads;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.SampleOptions;
import org.recurrent4j.text.Sampler;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SettingException;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingConfig;
import org.recurrent4j.train.TrainingData;
import org.recurrent4j.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: {@code train --data}'s options (those whose help is the same declared once,
 * in {@link TrainOptions}), and {@code --partitions} and {@code --average-every}, trained by {@link SparkTrainer}.
 * Each setting is checked by the engine's rule for it ({@link RunSettings}, {@link TrainingConfig}, the checks
 * {@code train} makes in {@link org.recurrent4j.cli.options.OptionChecks}); every check, the data and the
 * checkpoint are read before Spark starts. Reports go to stderr as plain lines, samples to stdout, the metrics
 * file and the checkpoints as {@code train} writes them. A bad option is one line and exit code 2; a failure
 * (unreadable data, a diverged or failed partition, a failed save) is one line and exit code 1, and the last
 * checkpoint stays as it was.
 */
@Command(name = "recurrent4j-spark", mixinStandardHelpOptions = true, versionProvider = SparkTrain.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Train a character-level language model in corpus mode on a Spark cluster: local SGD with periodic averaging.",
            "The --batch streams of --seq steps are dealt out to --partitions partitions; each trains its streams for "
                    + "--average-every steps from the averaged parameters and optimizer state, which are then averaged again.",
            "The options are train's (see 'recurrent4j train --help'); checkpoints are train's, and 'recurrent4j "
                    + "train --resume' or this program's --resume continue them."})
public final class SparkTrain implements Callable<Integer> {
    /** What a resumed run may not change, as {@code train --resume} refuses them. */
    static final List<String> FIXED = List.of("--model", "--hidden", "--embed", "--init", "--optimizer", "--lr",
            "--regc", "--clip", "--batch", "--seq", "--report-every", "--val-every", "--seed");
    private static final int SAMPLES = 3;
    private static final String SAMPLES_GENERATOR = "samples";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "A UTF-8 text file, read as continuous text "
            + "(default: the embedded text, this program's own sources and README).")
    Path data;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions (Spark tasks) per round; each trains --batch / P of the streams, so P must divide "
                    + "--batch. Required for a new run; with --resume, the saved run's by default.")
    Integer partitions;

    @Option(names = "--average-every", paramLabel = "K", defaultValue = "8",
            description = "Steps each partition takes between two averagings; a round also ends at every report, "
                    + "save and sample (default: ${DEFAULT-VALUE}).")
    int averageEvery;

    @Mixin
    TrainOptions.Model recipe;

    // --batch, --out, --resume, --threads, --force and --quiet are declared here and in train, whose help for them
    // differs (sentence mode, one machine's kernel pool, a progress bar)
    @Option(names = "--batch", paramLabel = "B", defaultValue = "50",
            description = "Parallel streams in all, dealt out to the partitions (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    TrainOptions.Run run;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.r4j",
            description = "The checkpoint to write, on the driver (default: ${DEFAULT-VALUE}; with --resume, the file resumed from).")
    Path out;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the training saved in FILE (by this program or by 'recurrent4j train' in corpus mode) "
                    + "until --steps (a total); --partitions and --average-every may differ from the saved run's.")
    Path resume;

    @Mixin
    TrainOptions.Reports reports;

    @Mixin
    TrainOptions.Temperature sampling;

    @Option(names = "--threads", paramLabel = "N",
            description = "Kernel threads on the driver and on each executor (default: each JVM's recurrent4j.threads property, else its cores).")
    Integer threads;

    @Option(names = "--force", description = "Replace an existing --out (or a --metrics file that holds no metrics) this run did not write.")
    boolean force;

    @Option(names = "--quiet", description = "No status lines on stderr (errors still appear).")
    boolean quiet;

    @Option(names = "--debug", description = "Print the full stack trace when the run fails.")
    boolean debug;

    private final Supplier<JavaSparkContext> context;
    private final boolean stopContext;
    private final PartitionFault fault;
    private PrintWriter outWriter;
    private PrintWriter err;
    private volatile boolean stopRequested;

    SparkTrain(Supplier<JavaSparkContext> context, boolean stopContext, PartitionFault fault) {
        this.context = context;
        this.stopContext = stopContext;
        this.fault = fault;
    }

    public static void main(String[] args) {
        Supplier<JavaSparkContext> context = () -> new JavaSparkContext(new SparkConf()
                .setAppName("recurrent4j train").setIfMissing("spark.master", "local[*]"));
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), context, true,
                PartitionFault.NONE));
    }

    /**
     * Runs the program on the Spark context {@code context} gives (started only once the options, the data and
     * any checkpoint are read), stopped at the end when {@code stopContext}; returns the exit code.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<JavaSparkContext> context,
                          boolean stopContext) {
        return run(args, out, err, context, stopContext, PartitionFault.NONE);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<JavaSparkContext> context,
                   boolean stopContext, PartitionFault fault) {
        SparkTrain command = new SparkTrain(context, stopContext, fault);
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("recurrent4j-spark: " + oneLine(e.getMessage()) + " (see 'recurrent4j-spark --help')");
            if (List.of(a).contains("--debug")) e.printStackTrace(err);
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("recurrent4j-spark: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            if (parsed.hasMatchedOption("--debug")) e.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        this.outWriter = cmd.getOut();
        this.err = cmd.getErr();
        Plan plan = plan(cmd);
        JavaSparkContext sc = context.get();
        try {
            if (threads != null) KernelThreads.set(threads);
            int executorThreads = threads == null ? 0 : threads;
            try (SparkTrainer trainer = plan.checkpoint == null
                    ? SparkTrainer.start(sc, plan.settings, plan.distribution, plan.loaded, executorThreads, fault)
                    : SparkTrainer.resume(sc, plan.checkpoint, plan.settings, plan.distribution, plan.loaded,
                            executorThreads, fault)) {
                return train(trainer, plan);
            }
        } finally {
            if (stopContext) sc.stop();
        }
    }

    /** Everything a run needs before Spark starts: its settings, distribution, data, checkpoint and generator. */
    private record Plan(RunSettings settings, Distribution distribution, TrainingData.Loaded loaded,
                        Checkpoint checkpoint, SplitMix64 sampleRng, Path out, String source) {}

    private Plan plan(CommandLine cmd) throws IOException {
        run.check(cmd);
        try {
            if (partitions == null && resume == null) {
                throw new SettingException("--partitions", "give the number of partitions, a divisor of --batch", null);
            }
            Distribution d = new Distribution(partitions != null ? partitions : 1, averageEvery);
            reports.check(cmd);
            sampling.check(cmd);
            String threadsProblem = threads == null ? null : KernelThreads.countProblem(threads);
            if (threadsProblem != null) throw new SettingException("--threads", threadsProblem, threads.toString());
            return resume == null ? fresh(cmd, d) : resumed(cmd);
        } catch (SettingException e) {
            throw OptionChecks.bad(cmd, e);
        }
    }

    private Plan fresh(CommandLine cmd, Distribution d) throws IOException {
        ModelKind modelKind = recipe.kind();
        TrainingData trainingData = data != null ? new TrainingData.Corpus(data) : new TrainingData.Embedded();
        TrainingConfig config = new TrainingConfig(recipe.lr(), recipe.regc(), recipe.clip(), batch, run.seq(),
                reports.reportEvery(), reports.valEvery(), threads != null ? threads : KernelThreads.get());
        RunSettings settings = new RunSettings(trainingData, modelKind, recipe.hiddenSizes(cmd), recipe.embed(),
                recipe.init(), recipe.optimizer(), config, run.seed(), run.target(trainingData));
        d.check(config);
        OptionChecks.outputs(cmd, out, reports.metrics(), force, trainingData, null, null);
        TrainingData.Loaded loaded = settings.data().load(null);
        SplitMix64 root = new SplitMix64(run.seed());
        root.split(); // the weights' generator, which SparkTrainer.start draws the same way
        return new Plan(settings, d, loaded, null, root.split(), out, loaded.description());
    }

    private Plan resumed(CommandLine cmd) throws IOException {
        CommandLine.ParseResult parsed = cmd.getParseResult();
        for (String flag : FIXED) {
            if (parsed.hasMatchedOption(flag)) {
                throw new CommandLine.ParameterException(cmd, flag + ": cannot be changed when resuming, the checkpoint "
                        + resume + " fixes it; drop " + flag + ", or train a new model without --resume");
            }
        }
        Path target = parsed.hasMatchedOption("--out") ? out : resume;
        Checkpoint c = Checkpoint.load(resume);
        if (!(c.trainer().position() instanceof TrainerState.Corpus)) {
            throw new CommandLine.ParameterException(cmd, "--resume " + resume + ": was trained in sentence mode; "
                    + "data-parallel training reads a continuous text");
        }
        RunSettings saved = c.settings();
        String unsupported = SparkTrainer.unsupported(saved);
        if (unsupported != null) {
            throw new CommandLine.ParameterException(cmd, "--resume " + resume + ": trains with " + unsupported
                    + ", which data-parallel training does not; continue it with recurrent4j train --resume");
        }
        Distribution recorded = SparkTrainer.recorded(c);
        Distribution d = new Distribution(partitions != null ? partitions : recorded.partitions(),
                parsed.hasMatchedOption("--average-every") ? averageEvery : recorded.averageEvery());
        d.check(saved.config());
        TrainingData moved = data != null ? saved.data().at(data) : saved.data();
        if (data == null && moved.file() != null && !Files.exists(moved.file())) {
            throw new NoSuchFileException(moved.file().toString(), null, "no such file: " + resume
                    + " was trained on it; give its new place with --data FILE");
        }
        long step = c.trainer().step();
        long goal;
        Long steps = run.steps();
        if (steps != null) {
            if (steps <= step) {
                throw new CommandLine.ParameterException(cmd, "--steps: " + resume + " is already at step " + step
                        + "; --steps is the total to reach, give more than " + step);
            }
            goal = steps;
        } else if (run.minutes() != null) {
            goal = 0;
        } else if (saved.steps() > step) {
            goal = saved.steps();
        } else {
            throw new CommandLine.ParameterException(cmd, resume + " is at step " + step
                    + "; give --steps N (the total to reach, more than " + step + ") or --minutes M");
        }
        RunSettings settings = saved.withData(moved).withSteps(goal);
        OptionChecks.outputs(cmd, target, reports.metrics(), force, moved, resume, null);
        TrainingData.Loaded loaded;
        try {
            loaded = settings.data().load(c.saved().model().vocabulary());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot resume from " + resume + ": " + e.getMessage(), e);
        }
        SplitMix64.State samples = c.generators().get(SAMPLES_GENERATOR);
        return new Plan(settings, d, loaded, c, samples != null ? new SplitMix64(samples) : new SplitMix64(step),
                target, loaded.description());
    }

    /** The loop: rounds until the step or time budget is spent or Ctrl-C; reports, samples and saves between rounds. */
    private int train(SparkTrainer trainer, Plan plan) throws IOException {
        long max = plan.settings.steps();
        long deadline = run.minutes() == null ? 0 : System.nanoTime() + run.nanos();
        if (!quiet) {
            var m = trainer.model();
            err.printf(Locale.ROOT, "recurrent4j-spark: %s%s %s, embedding %d, %,d parameters; corpus mode on %s; "
                            + "%d streams of %d in %d partitions, averaged every %d steps; checkpoint %s%n",
                    plan.checkpoint == null ? "" : "resuming " + resume + " at step " + trainer.steps() + ": ",
                    m.kind(), m.hiddenSizes(), m.letterSize(), m.parameterCount(), plan.source,
                    trainer.settings().config().batch(), trainer.settings().config().seqLength(),
                    plan.distribution.partitions(), plan.distribution.averageEvery(), plan.out);
            err.flush();
        }
        long saved = plan.checkpoint != null && OutputFiles.same(plan.out, resume) ? trainer.steps() : -1;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "recurrent4j-spark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean metricsLost = false;
        Metrics last = null;
        Path metrics = reports.metrics();
        int saveEvery = reports.saveEvery();
        int sampleEvery = reports.sampleEvery();
        try (BufferedWriter log = metrics == null ? null : Files.newBufferedWriter(metrics, StandardCharsets.UTF_8)) {
            if (log != null) metricsLost = !writeAll(log, trainer.history());
            while ((max == 0 || trainer.steps() < max) && (deadline == 0 || System.nanoTime() < deadline) && !stopRequested) {
                long s = trainer.steps();
                long limit = Math.min(max == 0 ? Long.MAX_VALUE : max - s, Math.min(untilNext(s, saveEvery),
                        untilNext(s, sampleEvery)));
                Optional<Metrics> report;
                try {
                    report = trainer.round(limit);
                } catch (TrainingDivergedException | PartitionFailedException e) {
                    if (stopRequested) break; // Ctrl-C: Spark's own shutdown cancelled the round; the last one is saved below
                    throw new IllegalStateException(e.getMessage() + "; " + (saved >= 0
                            ? "the checkpoint " + plan.out + " keeps step " + saved
                            : "nothing was written to " + plan.out)
                            + (e instanceof TrainingDivergedException ? "; try a smaller learning rate (--lr)" : ""), e);
                }
                if (report.isPresent()) {
                    last = report.get();
                    if (log != null && !metricsLost) metricsLost = !writeAll(log, List.of(last));
                    if (!quiet) {
                        err.println(status(last, max));
                        err.flush();
                    }
                }
                long step = trainer.steps();
                if (sampleEvery > 0 && step % sampleEvery == 0) printSamples(trainer, plan, step);
                if (saveEvery > 0 && step % saveEvery == 0) saved = save(trainer, plan, saved);
            }
            long step = trainer.steps();
            if (saved != step) saved = save(trainer, plan, saved);
            if (sampleEvery > 0 && step % sampleEvery != 0 && step > 0) printSamples(trainer, plan, step);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and returns once it sees the latch
            }
        }
        if (!quiet || stopRequested) {
            StringBuilder sb = new StringBuilder("recurrent4j-spark: ")
                    .append(stopRequested ? "interrupted at step " : "done at step ").append(trainer.steps());
            if (last != null) {
                sb.append(String.format(Locale.ROOT, ", loss %.4f", last.loss()));
                if (last.valLoss() != null) sb.append(String.format(Locale.ROOT, ", validation loss %.4f", last.valLoss()));
                sb.append(String.format(Locale.ROOT, ", %,.0f chars/s", last.charsPerSecond()));
            }
            err.println(sb.append("; saved ").append(plan.out));
            err.flush();
        }
        if (metricsLost) {
            err.println("recurrent4j-spark: some reports could not be written to " + metrics);
            err.flush();
            return 1;
        }
        return 0;
    }

    private static long untilNext(long step, int every) {
        return every > 0 ? every - step % every : Long.MAX_VALUE;
    }

    private boolean writeAll(BufferedWriter log, List<Metrics> records) {
        try {
            for (Metrics m : records) {
                log.write(StrictJson.line(m));
                log.write('\n');
            }
            log.flush();
            return true;
        } catch (IOException e) {
            err.println("recurrent4j-spark: warning: cannot write the metrics to " + reports.metrics() + " (" + e.getMessage()
                    + "); training goes on without them");
            err.flush();
            return false;
        }
    }

    private long save(SparkTrainer trainer, Plan plan, long saved) {
        try {
            trainer.save(plan.out, Map.of(SAMPLES_GENERATOR, plan.sampleRng.state()));
            return trainer.steps();
        } catch (IOException e) {
            throw new UncheckedIOException(plan.out + ": cannot write the checkpoint (" + e.getMessage() + ")"
                    + (saved >= 0 ? "; it keeps step " + saved : ""), e);
        }
    }

    private void printSamples(SparkTrainer trainer, Plan plan, long step) {
        Sampler sampler = new Sampler(trainer.model());
        SampleOptions options = SampleOptions.defaults().withTemperature(sampling.temperature());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "--- step %d, samples at temperature %s:%n", step,
                sampling.temperature()));
        for (int i = 0; i < SAMPLES; i++) sb.append(sampler.sample(options, plan.sampleRng)).append('\n');
        sb.append("argmax: ").append(sampler.sample(options.withArgmax(true), plan.sampleRng));
        outWriter.println(sb);
        outWriter.flush();
    }

    private static String status(Metrics m, long max) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "recurrent4j-spark: step %d", m.step()));
        if (max > 0) sb.append('/').append(max);
        sb.append(String.format(Locale.ROOT, ", loss %.4f", m.loss()));
        if (m.valLoss() != null) sb.append(String.format(Locale.ROOT, ", validation loss %.4f", m.valLoss()));
        sb.append(String.format(Locale.ROOT, ", epoch %.2f, %,.0f chars/s, %.0f s", m.epoch(), m.charsPerSecond(),
                m.elapsedSeconds()));
        return sb.toString();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SparkTrain.class.getPackage().getImplementationVersion();
            return new String[] {"recurrent4j-spark " + (v == null ? "(development build)" : v)};
        }
    }
}
