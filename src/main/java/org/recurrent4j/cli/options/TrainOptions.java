package org.recurrent4j.cli.options;

import java.nio.file.Path;
import java.util.List;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SettingException;
import org.recurrent4j.train.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that {@code train} and {@code recurrent4j-spark} both take, each declared once as a picocli mixin,
 * so that their names, defaults and help are the same in both; {@link Temperature} is {@code sample}'s too.
 */
public final class TrainOptions {
    private TrainOptions() {}

    /** {@code --model} to {@code --clip}: the network and its optimizer. */
    public static final class Model {
        @Option(names = "--model", paramLabel = "KIND", defaultValue = "lstm",
                description = "Model kind: rnn, rnn-tanh, lstm, gru, gru-reset-after (PyTorch's GRU), gf-rnn, gf-gru, "
                        + "gf-lstm, or a gated-feedback kind with -scalar gates (default: ${DEFAULT-VALUE}).")
        private String kind;

        @Option(names = "--hidden", paramLabel = "SIZES", defaultValue = "20,20",
                description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}).")
        private String hidden;

        @Option(names = "--embed", paramLabel = "N", defaultValue = "5",
                description = "Character embedding size (default: ${DEFAULT-VALUE}).")
        private int embed;

        @Option(names = "--init", paramLabel = "DIST", defaultValue = "uniform",
                description = "Initial weights, std 0.08: uniform (RecurrentJS) or gaussian (RecurrentNN.jl) (default: ${DEFAULT-VALUE}).")
        private String init;

        @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "rmsprop",
                description = "rmsprop (RecurrentJS's solver), adam or sgd (default: ${DEFAULT-VALUE}).")
        private String optimizer;

        @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
        private float lr;

        @Option(names = "--regc", paramLabel = "C", defaultValue = "1e-6", description = "L2 weight decay per step (default: ${DEFAULT-VALUE}).")
        private float regc;

        @Option(names = "--clip", paramLabel = "C", defaultValue = "5", description = "Clip every gradient element to ±C (default: ${DEFAULT-VALUE}).")
        private float clip;

        /** The model kind; an unknown one is refused naming {@code --model}. */
        public ModelKind kind() {
            try {
                return ModelKind.of(kind);
            } catch (IllegalArgumentException e) {
                throw new SettingException("--model", e.getMessage(), null);
            }
        }

        /** The hidden layer sizes as given; a list that is not one is a usage error of {@code cmd}. */
        public List<Integer> hiddenSizes(CommandLine cmd) {
            return OptionChecks.hiddenSizes(cmd, "--hidden", hidden);
        }

        /** {@code --hidden} as typed, for messages. */
        public String hiddenText() {
            return hidden;
        }

        public int embed() {
            return embed;
        }

        /** The initial weights' distribution; an unknown one is refused naming {@code --init}. */
        public Init.Distribution init() {
            return RunSettings.distribution(init);
        }

        public String optimizer() {
            return optimizer;
        }

        public float lr() {
            return lr;
        }

        public float regc() {
            return regc;
        }

        public float clip() {
            return clip;
        }
    }

    /** {@code --seq}, {@code --steps}, {@code --minutes} and {@code --seed}: the chunks, the length and the seed of a run. */
    public static final class Run {
        @Option(names = "--seq", paramLabel = "T", defaultValue = "50",
                description = "Corpus mode: steps per chunk of truncated backpropagation (default: ${DEFAULT-VALUE}).")
        private int seq;

        @Option(names = "--steps", paramLabel = "N",
                description = "Stop after N optimizer steps (default when --minutes is not given either: "
                        + TrainingData.SENTENCE_STEPS + " in sentence mode, " + TrainingData.CORPUS_STEPS + " in corpus mode).")
        private Long steps;

        @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of training.")
        private Double minutes;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of the initial weights, the sentence draws and the samples (default: ${DEFAULT-VALUE}).")
        private long seed;

        /** Refuses a {@code --steps} below 1 and a {@code --minutes} that is not a positive finite number. */
        public void check(CommandLine cmd) {
            try {
                if (steps != null) RunSettings.checkSteps(steps);
            } catch (SettingException e) {
                throw OptionChecks.bad(cmd, e);
            }
            if (minutes != null) OptionChecks.positiveFinite(cmd, "--minutes", minutes);
        }

        public int seq() {
            return seq;
        }

        /** {@code --steps}, or null when it is not given. */
        public Long steps() {
            return steps;
        }

        /** {@code --minutes}, or null when it is not given. */
        public Double minutes() {
            return minutes;
        }

        /** {@code --minutes} in nanoseconds, or 0 when it is not given. */
        public long nanos() {
            return minutes == null ? 0 : (long) (minutes * 60e9);
        }

        public long seed() {
            return seed;
        }

        /** The step count of a new run on {@code data}: --steps, else none with --minutes alone, else the data's default. */
        public long target(TrainingData data) {
            return steps != null ? steps : minutes != null ? 0 : data.defaultSteps();
        }
    }

    /** {@code --save-every}, {@code --report-every}, {@code --val-every}, {@code --sample-every} and {@code --metrics}. */
    public static final class Reports {
        @Option(names = "--save-every", paramLabel = "N", defaultValue = "1000",
                description = "Also write the model file every N steps; 0: only at the end and on Ctrl-C (default: ${DEFAULT-VALUE}).")
        private int saveEvery;

        @Option(names = "--report-every", paramLabel = "N", defaultValue = "100",
                description = "Make a metrics record every N steps (default: ${DEFAULT-VALUE}).")
        private int reportEvery;

        @Option(names = "--val-every", paramLabel = "N",
                description = "Corpus mode: measure the validation loss every N steps, a multiple of --report-every (default: --report-every).")
        private Integer valEvery;

        @Option(names = "--sample-every", paramLabel = "N", defaultValue = "1000",
                description = "Print 3 samples and the argmax text every N steps and at the end; 0: never (default: ${DEFAULT-VALUE}).")
        private int sampleEvery;

        @Option(names = "--metrics", paramLabel = "FILE",
                description = "Write each report as one JSON line: step, loss, perplexity, medianPerplexity (sentence mode), "
                        + "valLoss and epoch (corpus mode), charsPerSecond, elapsedSeconds.")
        private Path metrics;

        /** Refuses a negative {@code --save-every} or {@code --sample-every}; the others are checked by the run's settings. */
        public void check(CommandLine cmd) {
            OptionChecks.atLeast(cmd, "--save-every", saveEvery, 0);
            OptionChecks.atLeast(cmd, "--sample-every", sampleEvery, 0);
        }

        public int saveEvery() {
            return saveEvery;
        }

        public int reportEvery() {
            return reportEvery;
        }

        /** {@code --val-every}, else {@code --report-every}. */
        public int valEvery() {
            return valEvery != null ? valEvery : reportEvery;
        }

        public int sampleEvery() {
            return sampleEvery;
        }

        /** {@code --metrics}, or null when it is not given. */
        public Path metrics() {
            return metrics;
        }
    }

    /** {@code --temperature T}: the sampling temperature (the samples train prints, sample). */
    public static final class Temperature {
        @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
                description = "Divide the logits by T before sampling: below 1 is more conservative, above 1 more "
                        + "varied (default: ${DEFAULT-VALUE}).")
        private float temperature;

        /** Refuses a temperature that is not a positive finite number. */
        public void check(CommandLine cmd) {
            OptionChecks.positiveFinite(cmd, "--temperature", temperature);
        }

        public float temperature() {
            return temperature;
        }
    }
}
