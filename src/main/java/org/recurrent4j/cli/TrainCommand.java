package org.recurrent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent4j.kernel.KernelThreads;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.EmbeddedCorpus;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            "A progress bar on stderr shows the step, loss, perplexity, characters/s and ETA. The model file is "
                    + "written every --save-every steps, at the end, and on Ctrl-C."},
        footer = {"", "Perplexity is e^(mean nats per prediction) = 2^(mean bits); in sentence mode it is the median "
                + "over the report interval of each sentence's perplexity over its n + 1 predictions."})
final class TrainCommand implements Callable<Integer> {
    /** Steps when neither --steps nor --minutes is given: the seed's reference point in sentence mode. */
    static final long DEFAULT_SENTENCE_STEPS = 3000;
    /** The same in corpus mode, where a step trains --batch × --seq characters. */
    static final long DEFAULT_CORPUS_STEPS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--sentences", paramLabel = "FILE", description = "Sentence mode: a UTF-8 file with one sentence per line.")
    Path sentences;

    @Option(names = "--data", paramLabel = "FILE", description = "Corpus mode: a UTF-8 text file.")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "lstm",
            description = "Model kind: rnn, rnn-tanh, lstm, gru, gf-rnn, gf-gru, gf-lstm, or a gated-feedback kind "
                    + "with -scalar gates (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--hidden", paramLabel = "SIZES", defaultValue = "20,20",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--embed", paramLabel = "N", defaultValue = "5", description = "Character embedding size (default: ${DEFAULT-VALUE}).")
    int embed;

    @Option(names = "--init", paramLabel = "DIST", defaultValue = "uniform",
            description = "Initial weights, std 0.08: uniform (RecurrentJS) or gaussian (RecurrentNN.jl) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "rmsprop",
            description = "rmsprop (RecurrentJS's solver), adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--regc", paramLabel = "C", defaultValue = "1e-6", description = "L2 weight decay per step (default: ${DEFAULT-VALUE}).")
    float regc;

    @Option(names = "--clip", paramLabel = "C", defaultValue = "5", description = "Clip every gradient element to ±C (default: ${DEFAULT-VALUE}).")
    float clip;

    @Option(names = "--batch", paramLabel = "B",
            description = "Sentences per step (sentence mode, default 1) or parallel streams (corpus mode, default 50).")
    Integer batch;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "50",
            description = "Corpus mode: steps per chunk of truncated backpropagation (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--steps", paramLabel = "N",
            description = "Stop after N optimizer steps (default when --minutes is not given either: "
                    + DEFAULT_SENTENCE_STEPS + " in sentence mode, " + DEFAULT_CORPUS_STEPS + " in corpus mode).")
    Long steps;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of training.")
    Double minutes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the initial weights, the sentence draws and the samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.r4j",
            description = "The model file (a checkpoint) to write (default: ${DEFAULT-VALUE}; with --resume, the file resumed from).")
    Path out;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the training saved in FILE exactly, until the step count reaches --steps (a total). "
                    + "The model, optimizer and data settings come from the file; give only --steps (default: the run's own "
                    + "total), --minutes, --out, --save-every, --sample-every, --metrics, --temperature, --quiet, or "
                    + "--sentences/--data if the data file has moved.")
    Path resume;

    @Option(names = "--save-every", paramLabel = "N", defaultValue = "1000",
            description = "Also write the model file every N steps; 0: only at the end and on Ctrl-C (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--report-every", paramLabel = "N", defaultValue = "100",
            description = "Make a metrics record every N steps (default: ${DEFAULT-VALUE}).")
    int reportEvery;

    @Option(names = "--val-every", paramLabel = "N",
            description = "Corpus mode: measure the validation loss every N steps, a multiple of --report-every (default: --report-every).")
    Integer valEvery;

    @Option(names = "--sample-every", paramLabel = "N", defaultValue = "1000",
            description = "Print 3 samples and the argmax text every N steps and at the end; 0: never (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "Write each report as one JSON line: step, loss, perplexity, medianPerplexity (sentence mode), "
                    + "valLoss and epoch (corpus mode), charsPerSecond, elapsedSeconds.")
    Path metrics;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Sampling temperature of the printed samples (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the large matrix products (the kernel pool, this thread included); the steps "
                    + "themselves run on one thread, and the results do not depend on N (default: the "
                    + "recurrent4j.threads property, else every core).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar and no status lines on stderr (errors still appear).")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        checkRunOptions(cmd);
        if (threads != null) KernelThreads.set(threads);
        TrainingSetup setup = resume != null ? new ResumeSetup(this, cmd).prepare() : fresh(cmd);
        TrainingRun run = new TrainingRun(setup.trainer(), setup.out(), setup.settings(), setup.maxSteps(),
                minutes == null ? 0 : (long) (minutes * 60e9), saveEvery, sampleEvery, temperature, setup.sampleRng(),
                cmd.getOut(), cmd.getErr(), quiet);
        if (setup.resumedFrom() != null && absolute(setup.resumedFrom()).equals(absolute(setup.out()))) {
            run.fileHolds(setup.trainer().steps());
        }
        if (!quiet) {
            printStart(cmd.getErr(), setup);
            if (threads != null) cmd.getErr().println("train: matrix products on up to " + threads + " threads");
            cmd.getErr().flush();
        }
        try (MetricsLog log = metrics == null ? null : new MetricsLog(metrics, setup.trainer().history())) {
            return run.run(log);
        }
    }

    /** The options of every run, fresh or resumed, checked before anything is read. */
    private void checkRunOptions(CommandLine cmd) {
        if (steps != null) OptionChecks.atLeast(cmd, "--steps", steps, 1);
        if (minutes != null) OptionChecks.positiveFinite(cmd, "--minutes", minutes);
        OptionChecks.atLeast(cmd, "--save-every", saveEvery, 0);
        OptionChecks.atLeast(cmd, "--sample-every", sampleEvery, 0);
        OptionChecks.positiveFinite(cmd, "--temperature", temperature);
        if (threads != null) OptionChecks.atLeast(cmd, "--threads", threads, 1);
        if (sentences != null && data != null) throw OptionChecks.bad(cmd, "give --sentences or --data, not both");
    }

    /** A new model and trainer from the options. */
    private TrainingSetup fresh(CommandLine cmd) throws IOException {
        ModelKind modelKind = checkedKind(cmd);
        List<Integer> hiddenSizes = OptionChecks.hiddenSizes(cmd, "--hidden", hidden);
        Init initial = checkedInit(cmd);
        OptionChecks.atLeast(cmd, "--embed", embed, 1);
        OptionChecks.positiveFinite(cmd, "--lr", lr);
        OptionChecks.nonNegativeFinite(cmd, "--regc", regc);
        if (!(clip > 0)) throw OptionChecks.bad(cmd, "--clip: must be a positive number, got " + clip);
        if (batch != null) OptionChecks.atLeast(cmd, "--batch", batch, 1);
        OptionChecks.atLeast(cmd, "--seq", seq, 1);
        OptionChecks.atLeast(cmd, "--report-every", reportEvery, 1);
        if (valEvery != null && (valEvery < 1 || valEvery % reportEvery != 0)) {
            throw OptionChecks.bad(cmd, "--val-every: must be a positive multiple of --report-every " + reportEvery
                    + ", got " + valEvery);
        }
        OptionChecks.writableFile(cmd, "--out", out);
        if (metrics != null) OptionChecks.writableFile(cmd, "--metrics", metrics);
        Optimizer solver = optimizer(cmd);

        // SplitMix64 draws what SplittableRandom would, and its state can be saved in a checkpoint
        SplitMix64 root = new SplitMix64(seed);
        SplitMix64 trainRng = root.split();
        SplitMix64 sampleRng = root.split();
        boolean sentenceMode = sentences != null;
        int b = batch != null ? batch : sentenceMode ? 1 : TrainingConfig.CORPUS_BATCH;
        TrainingConfig config = new TrainingConfig(lr, regc, clip, b, seq, reportEvery,
                valEvery != null ? valEvery : reportEvery, KernelThreads.get());
        Trainer trainer;
        String source;
        if (sentenceMode) {
            SentenceData sd = SentenceData.read(sentences);
            CharModel model = CharModel.create(sd.vocabulary(), modelKind, hiddenSizes, embed, initial, trainRng);
            trainer = Trainer.sentences(model, sd, solver, config, trainRng);
            source = describe(sd);
        } else {
            CorpusData cd = data != null ? CorpusData.read(data) : EmbeddedCorpus.data();
            CharModel model = CharModel.create(cd.vocabulary(), modelKind, hiddenSizes, embed, initial, trainRng);
            trainer = Trainer.corpus(model, cd, solver, config);
            source = describe(cd);
        }
        long maxSteps = steps != null ? steps : minutes != null ? 0
                : sentenceMode ? DEFAULT_SENTENCE_STEPS : DEFAULT_CORPUS_STEPS;
        Map<String, String> settings = settings(sentenceMode, b);
        if (maxSteps > 0) settings.put(TrainingSetup.STEPS, Long.toString(maxSteps));
        return new TrainingSetup(trainer, settings, sampleRng, maxSteps, out, source, null);
    }

    static String describe(SentenceData sd) {
        return sd.source() + " (" + String.format(Locale.ROOT, "%,d", sd.count()) + " sentences)";
    }

    static String describe(CorpusData cd) {
        return cd.source() + String.format(Locale.ROOT, " (%,d + %,d characters)", cd.trainingLength(),
                cd.validationLength());
    }

    private static void printStart(PrintWriter err, TrainingSetup setup) {
        Trainer t = setup.trainer();
        CharModel m = t.model();
        TrainingConfig c = t.config();
        boolean sentenceMode = "sentences".equals(setup.settings().get("mode"));
        if (setup.resumedFrom() != null) {
            err.printf(Locale.ROOT, "train: resuming %s at step %d%s%n", setup.resumedFrom(), t.steps(),
                    setup.maxSteps() > 0 ? " of " + setup.maxSteps() : "");
        }
        err.printf(Locale.ROOT, "train: %s %s, embedding %d, %d characters, %,d parameters; %s mode on %s; "
                        + "%s, lr %s, batch %d%s; model file %s%n", m.kind(), m.hiddenSizes(), m.letterSize(),
                m.vocabulary().size() - 1, m.parameterCount(), sentenceMode ? "sentence" : "corpus", setup.source(),
                setup.settings().getOrDefault("optimizer", t.optimizer().state().kind()), c.learningRate(), c.batch(),
                sentenceMode ? "" : ", seq " + c.seqLength(), setup.out());
    }

    private ModelKind checkedKind(CommandLine cmd) {
        try {
            return ModelKind.of(kind);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.bad(cmd, "--model: " + e.getMessage());
        }
    }

    private Init checkedInit(CommandLine cmd) {
        return switch (init) {
            case "uniform" -> Init.DEFAULT;
            case "gaussian" -> Init.gaussian(Init.DEFAULT.std());
            default -> throw OptionChecks.bad(cmd, "--init: unknown distribution '" + init + "', expected uniform or gaussian");
        };
    }

    private Optimizer optimizer(CommandLine cmd) {
        try {
            return Optimizer.named(optimizer);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.bad(cmd, "--optimizer: " + e.getMessage());
        }
    }

    static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    /** The training settings recorded in the model file. */
    private Map<String, String> settings(boolean sentenceMode, int b) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("mode", sentenceMode ? "sentences" : "corpus");
        // absolute, so that --resume finds the data from any directory
        s.put("data", sentenceMode ? absolute(sentences) : data != null ? absolute(data) : EmbeddedCorpus.NAME);
        s.put("init", init);
        s.put("optimizer", optimizer);
        s.put("lr", Float.toString(lr));
        s.put("regc", Float.toString(regc));
        s.put("clip", Float.toString(clip));
        s.put("batch", Integer.toString(b));
        if (!sentenceMode) s.put("seq", Integer.toString(seq));
        s.put("seed", Long.toString(seed));
        return s;
    }
}
