package org.recurrent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.cli.options.TrainOptions;
import org.recurrent4j.io.OutputFiles;
import org.recurrent4j.kernel.KernelThreads;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.train.MemoryEstimate;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SettingException;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;
import org.recurrent4j.train.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code train}: trains a character-level language model and writes it to a model file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Train a character-level language model, as the RecurrentJS demo (sentence mode) or char-rnn (corpus mode).",
            "Sentence mode (--sentences FILE): one sentence per line; each step trains --batch random sentences from "
                    + "the zero state (the RecurrentJS demo's step at --batch 1).",
            "Corpus mode (--data FILE): a continuous text, split 95/5 into training and validation, read as --batch "
                    + "parallel streams of --seq steps with truncated backpropagation.",
            "With neither, corpus mode on the embedded default text: this program's own sources and README.",
            "On a terminal, a bar on stderr as wide as the terminal shows the step, the time elapsed and left, loss, "
                    + "perplexity and characters/s; elsewhere (a file, a pipe) a plain line every 10 seconds and one at "
                    + "the end. The model file is written every --save-every steps, at the end, and on Ctrl-C."},
        footer = {"", "Perplexity is e^(mean nats per prediction) = 2^(mean bits); in sentence mode it is the median "
                + "over the report interval of each sentence's perplexity over its n + 1 predictions."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    Options.Texts texts;

    @Mixin
    TrainOptions.Model recipe;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout rate, 0 <= P < 1, on the input of every layer above the first and on the "
                    + "decoder's input, never on the recurrent state, as char-rnn applies it; off in validation, "
                    + "eval and sampling (default: ${DEFAULT-VALUE}, none).")
    float dropout;

    @Option(names = "--lr-decay", paramLabel = "R", defaultValue = "1",
            description = "Multiply the learning rate by R (0 < R <= 1) at the end of epoch --lr-decay-after and of "
                    + "every epoch after it, as char-rnn does; in sentence mode an epoch is ceil(sentences / batch) "
                    + "steps (default: ${DEFAULT-VALUE}, no decay).")
    float lrDecay;

    @Option(names = "--lr-decay-after", paramLabel = "E", defaultValue = "10",
            description = "The epoch at whose end --lr-decay first applies (default: ${DEFAULT-VALUE}).")
    int lrDecayAfter;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "Raise the learning rate linearly over the first N steps: step s trains at lr x s/N "
                    + "(default: ${DEFAULT-VALUE}, none).")
    int warmup;

    // --batch, --out, --resume, --threads, --force and --quiet are declared here and in recurrent4j-spark, whose help
    // for them differs (streams dealt out to partitions, a driver and executors, no progress bar)
    @Option(names = "--batch", paramLabel = "B",
            description = "Sentences per step (sentence mode, default 1) or parallel streams (corpus mode, default 50).")
    Integer batch;

    @Mixin
    TrainOptions.Run run;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.r4j",
            description = "The model file (a checkpoint) to write (default: ${DEFAULT-VALUE}; with --resume, the file resumed from).")
    Path out;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the training saved in FILE exactly, until the step count reaches --steps (a total). "
                    + "The model, optimizer and data settings come from the file; give only --steps (default: the run's own "
                    + "total), --minutes, --out, --save-every, --sample-every, --metrics, --temperature, --threads, "
                    + "--keep-best, --patience (default: the run's own), --force, --quiet, or --sentences/--data if the "
                    + "data file has moved.")
    Path resume;

    @Mixin
    TrainOptions.Reports reports;

    @Option(names = "--keep-best",
            description = "Corpus mode: whenever the validation loss improves, save the run to NAME.best.r4j beside "
                    + "--out (a checkpoint, written as --out is).")
    boolean keepBest;

    @Option(names = "--patience", paramLabel = "K",
            description = "Corpus mode: stop after K validations in a row without improving on the best validation "
                    + "loss; 0: never (default: 0).")
    Integer patience;

    @Option(names = "--init-from", paramLabel = "MODEL",
            description = "Fine-tune: start from the weights of the trained model in MODEL (its kind and sizes), with "
                    + "a fresh optimizer and schedule, on --data or --sentences.")
    Path initFrom;

    @Option(names = "--extend-vocabulary",
            description = "With --init-from: give the characters of the data that MODEL lacks new embedding and "
                    + "decoder rows, drawn as a new model's (--init, --seed); without it such characters are refused.")
    boolean extendVocabulary;

    @Mixin
    TrainOptions.Temperature sampling;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the large matrix products (the kernel pool, this thread included); the steps "
                    + "themselves run on one thread, and the results do not depend on N (default: the "
                    + "recurrent4j.threads property, else every core).")
    Integer threads;

    @Option(names = "--force", description = "Replace an existing --out file (or a --metrics file that holds no "
            + "metrics) that this run did not write; without it train refuses, so that no finished model is lost.")
    boolean force;

    @Option(names = "--quiet", description = "No progress bar and no status lines on stderr (errors still appear).")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        checkRunOptions(cmd);
        if (threads != null) KernelThreads.set(threads);
        TrainingSetup setup = resume != null ? new ResumeSetup(this, cmd).prepare() : fresh(cmd);
        Path best = setup.settings().keepBest() ? bestFile(setup.out()) : null;
        try (RunLock lock = OutputFiles.writesThrough(setup.out()) ? null : RunLock.acquire(setup.out(), "--out");
             RunLock bestLock = best == null || OutputFiles.writesThrough(best) ? null
                     : RunLock.acquire(best, "--keep-best", "--out")) {
            // again, now that no other run can write them
            OptionChecks.replacing(cmd, setup.out(), setup.resumedFrom(), force);
            if (best != null) checkReplacingBest(cmd, best, setup.out(), setup.resumedFrom());
            return train(cmd, setup, best);
        }
    }

    /** Where --keep-best saves: NAME.best.r4j for an --out of NAME.r4j, else the --out's name and .best.r4j. */
    static Path bestFile(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".r4j") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + ".best.r4j");
    }

    private int train(CommandLine cmd, TrainingSetup setup, Path best) throws IOException {
        TrainingRun training = new TrainingRun(setup.trainer(), setup.out(), best, setup.settings(), run.nanos(),
                reports.saveEvery(), reports.sampleEvery(), sampling.temperature(), setup.sampleRng(),
                cmd.getOut(), cmd.getErr(), quiet, main.terminalWidth);
        if (setup.resumedFrom() != null && absolute(setup.resumedFrom()).equals(absolute(setup.out()))) {
            training.fileHolds(setup.trainer().steps());
        }
        if (!quiet) {
            printStart(cmd.getErr(), setup);
            if (threads != null) cmd.getErr().println("train: matrix products on up to " + threads + " threads");
            cmd.getErr().flush();
        }
        Path metrics = reports.metrics();
        try (MetricsLog log = metrics == null ? null : new MetricsLog(metrics, setup.trainer().history(), cmd.getErr())) {
            return training.run(log);
        }
    }

    /** The options of every run, fresh or resumed, checked before anything is read. */
    private void checkRunOptions(CommandLine cmd) {
        run.check(cmd);
        if (extendVocabulary && initFrom == null) throw OptionChecks.bad(cmd, "--extend-vocabulary: only with --init-from MODEL");
        reports.check(cmd);
        sampling.check(cmd);
        String threadsProblem = threads == null ? null : KernelThreads.countProblem(threads);
        if (threadsProblem != null) {
            throw OptionChecks.bad(cmd, "--threads: " + threadsProblem + ", got " + OptionChecks.typed(cmd, "--threads", threads));
        }
        texts.checkNotBoth(cmd);
    }

    /**
     * Refuses, before anything is read, outputs that would destroy a file: one that is an input (the data, the
     * checkpoint resumed from, the model file for the metrics), an existing model file this run did not write
     * (unless --force, or --resume from it), or an existing file that holds no metrics given as --metrics.
     */
    void checkOutputs(CommandLine cmd, Path output, Path checkpoint, RunSettings settings) {
        TrainingData data = settings.data();
        Path model = settings.fineTuning() == null || checkpoint != null ? null : initFrom; // as given, for messages
        Path metrics = reports.metrics();
        OptionChecks.outputs(cmd, output, metrics, force, data, checkpoint, model);
        String dataFlag = data.option();
        if (settings.keepBest()) {
            Path best = bestFile(output);
            OptionChecks.writableFile(cmd, "--keep-best", best);
            OptionChecks.notAnInput(cmd, "--keep-best", best, dataFlag, data.file());
            OptionChecks.notAnInput(cmd, "--keep-best", best, "--resume", checkpoint);
            OptionChecks.notAnInput(cmd, "--keep-best", best, "--init-from", model);
            OptionChecks.notAnInput(cmd, "--keep-best", best, "--metrics", metrics);
            checkReplacingBest(cmd, best, output, checkpoint);
        }
    }

    /**
     * An existing best file is replaced only with --force or when the run resumes in place: it then belongs to the
     * run, as its --out does.
     */
    private void checkReplacingBest(CommandLine cmd, Path best, Path output, Path checkpoint) {
        if (force || !Files.isRegularFile(best) || OutputFiles.same(output, checkpoint)) return;
        throw OptionChecks.bad(cmd, "--keep-best: " + best + " already exists; give --force to replace it, or "
                + "another --out");
    }

    /** A new model and trainer from the options, or from --init-from's model. */
    private TrainingSetup fresh(CommandLine cmd) throws IOException {
        RunSettings settings = settings(cmd);
        checkOutputs(cmd, out, null, settings);
        // SplitMix64 draws what SplittableRandom would, and its state can be saved in a checkpoint
        SplitMix64 root = new SplitMix64(run.seed());
        SplitMix64 trainRng = root.split();
        SplitMix64 sampleRng = root.split();
        if (initFrom != null) return FineTuneSetup.prepare(this, cmd, settings, trainRng, sampleRng);
        TrainingData.Loaded loaded = settings.data().load(null);
        checkMemory(cmd, settings, loaded);
        return new TrainingSetup(settings.newTrainer(loaded, trainRng), settings, sampleRng, out,
                loaded.description(), null);
    }

    /**
     * Refuses, before the model is allocated, a run whose estimated memory exceeds the heap or whose largest
     * matrix exceeds a Java array, naming the options that size it.
     */
    void checkMemory(CommandLine cmd, RunSettings settings, TrainingData.Loaded loaded) {
        int steps = loaded.unrolledSteps(settings.config());
        MemoryEstimate e = MemoryEstimate.of(settings, loaded.vocabulary().size(), steps);
        String modelSize = initFrom != null ? "--init-from " + initFrom + " (" + settings.kind() + " "
                + settings.hidden() + ", embedding " + settings.embed() + ")"
                : "--hidden " + recipe.hiddenText() + " and --embed " + recipe.embed();
        if (e.largestMatrix() > MemoryEstimate.MAX_ARRAY) {
            throw OptionChecks.bad(cmd, modelSize + ": a parameter matrix would hold "
                    + String.format(Locale.ROOT, "%,d", e.largestMatrix()) + " values, more than a Java array can ("
                    + String.format(Locale.ROOT, "%,d", MemoryEstimate.MAX_ARRAY) + "); give smaller sizes");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (e.bytes() <= heap) return;
        int b = settings.config().batch();
        String cause = e.parameterBytes() >= e.stepBytes() ? modelSize
                : settings.data() instanceof TrainingData.Sentences
                ? "--batch " + b + " with sentences of up to " + (steps - 1) + " characters"
                : "--batch " + b + " and --seq " + steps;
        throw OptionChecks.bad(cmd, cause + ": the run needs about " + MemoryEstimate.format(e.bytes())
                + " (parameters, gradients and optimizer state " + MemoryEstimate.format(e.parameterBytes())
                + "; one step's buffers " + MemoryEstimate.format(e.stepBytes()) + "), more than the "
                + MemoryEstimate.format(heap) + " of heap this JVM may use (-Xmx); give smaller sizes, or more heap "
                + "(RECURRENT4J_JAVA_OPTS=-Xmx...)");
    }

    /** The run's settings from the options, each checked by its one rule; a refusal is a usage error. */
    private RunSettings settings(CommandLine cmd) {
        try {
            ModelKind modelKind = recipe.kind();
            List<Integer> hiddenSizes = recipe.hiddenSizes(cmd);
            TrainingData trainingData = texts.sentences != null ? new TrainingData.Sentences(texts.sentences)
                    : texts.data != null ? new TrainingData.Corpus(texts.data) : new TrainingData.Embedded();
            TrainingConfig config = new TrainingConfig(recipe.lr(), recipe.regc(), recipe.clip(),
                    batch != null ? batch : trainingData.defaultBatch(), run.seq(), reports.reportEvery(),
                    reports.valEvery(), KernelThreads.get(), dropout, lrDecay, lrDecayAfter, warmup);
            if (cmd.getParseResult().hasMatchedOption("--lr-decay-after") && config.lrDecay() == 1f) {
                throw new SettingException("--lr-decay-after", "has no effect without --lr-decay R below 1", null);
            }
            long target = run.target(trainingData);
            RunSettings.FineTuning from = initFrom == null ? null : new RunSettings.FineTuning(initFrom, extendVocabulary);
            return new RunSettings(trainingData, modelKind, hiddenSizes, recipe.embed(), recipe.init(),
                    recipe.optimizer(), config, run.seed(), target, keepBest, patience == null ? 0 : patience, from);
        } catch (SettingException e) {
            throw OptionChecks.bad(cmd, e);
        }
    }

    private static void printStart(PrintWriter err, TrainingSetup setup) {
        Trainer t = setup.trainer();
        CharModel m = t.model();
        TrainingConfig c = t.config();
        boolean sentenceMode = setup.settings().data() instanceof TrainingData.Sentences;
        if (setup.resumedFrom() != null) {
            err.printf(Locale.ROOT, "train: resuming %s at step %d%s%n", setup.resumedFrom(), t.steps(),
                    setup.maxSteps() > 0 ? " of " + setup.maxSteps() : "");
        }
        err.printf(Locale.ROOT, "train: %s %s, embedding %d, %d characters, %,d parameters; %s mode on %s; "
                        + "%s, lr %s%s, batch %d%s%s; model file %s%n", m.kind(), m.hiddenSizes(), m.letterSize(),
                m.vocabulary().size() - m.vocabulary().firstIndex(), m.parameterCount(),
                sentenceMode ? "sentence" : "corpus", setup.source(), setup.settings().optimizer(), c.learningRate(),
                schedule(c, t.stepsPerEpoch()), c.batch(), sentenceMode ? "" : ", seq " + c.seqLength(),
                c.dropout() > 0 ? ", dropout " + c.dropout() : "", setup.out());
    }

    /** The schedule in a few words, or nothing without one. */
    private static String schedule(TrainingConfig c, long stepsPerEpoch) {
        List<String> parts = new java.util.ArrayList<>();
        if (c.warmup() > 0) parts.add(String.format(Locale.ROOT, "warm-up %,d steps", c.warmup()));
        if (c.lrDecay() < 1f) {
            parts.add(String.format(Locale.ROOT, "x%s per epoch from the end of epoch %d, an epoch of %,d steps",
                    c.lrDecay(), c.lrDecayAfter(), stepsPerEpoch));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
