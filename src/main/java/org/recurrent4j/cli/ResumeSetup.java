package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.EmbeddedCorpus;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;
import picocli.CommandLine;

/**
 * {@code train --resume FILE}: the checkpoint's model, optimizer, trainer state, data and settings, with this run's
 * own options (the step target, the output, saving, sampling, metrics). The options that decide what is trained
 * and how are fixed by the checkpoint; giving one is a usage error, since the resumed run would no longer be the
 * run that was saved.
 */
final class ResumeSetup {
    /** The options a checkpoint fixes. */
    static final List<String> FIXED = List.of("--model", "--hidden", "--embed", "--init", "--optimizer", "--lr",
            "--regc", "--clip", "--batch", "--seq", "--report-every", "--val-every", "--seed");

    private final TrainCommand options;
    private final CommandLine cmd;
    private final Path file;

    ResumeSetup(TrainCommand options, CommandLine cmd) {
        this.options = options;
        this.cmd = cmd;
        this.file = options.resume;
    }

    TrainingSetup prepare() throws IOException {
        CommandLine.ParseResult parsed = cmd.getParseResult();
        for (String flag : FIXED) {
            if (parsed.hasMatchedOption(flag)) {
                throw OptionChecks.bad(cmd, flag + ": cannot be changed when resuming, the checkpoint " + file
                        + " fixes it; drop " + flag + ", or train a new model without --resume");
            }
        }
        boolean outGiven = parsed.hasMatchedOption("--out");
        Path out = outGiven ? options.out : file;
        if (outGiven) OptionChecks.writableFile(cmd, "--out", out);
        if (options.metrics != null) OptionChecks.writableFile(cmd, "--metrics", options.metrics);

        Checkpoint c = Checkpoint.load(file); // names a missing, unreadable or corrupt file first
        if (!outGiven) OptionChecks.writableFile(cmd, "--out", out);
        TrainerState state = c.trainer();
        Map<String, String> settings = new LinkedHashMap<>(c.saved().training());
        boolean sentenceMode = state.position() instanceof TrainerState.Sentences;
        long target = target(settings, state.step());
        Path given = sentenceMode ? options.sentences : options.data;
        if ((sentenceMode ? options.data : options.sentences) != null) {
            throw OptionChecks.bad(cmd, (sentenceMode ? "--data" : "--sentences") + ": " + file + " was trained in "
                    + (sentenceMode ? "sentence mode; give its data with --sentences FILE" : "corpus mode; give its data with --data FILE"));
        }
        if (given != null) settings.put("data", TrainCommand.absolute(given));
        if (target > 0) settings.put(TrainingSetup.STEPS, Long.toString(target));
        else settings.remove(TrainingSetup.STEPS);

        CharModel model = c.saved().model();
        Optimizer optimizer = Optimizer.named(state.optimizer().kind());
        Trainer trainer;
        String source;
        try {
            if (sentenceMode) {
                SentenceData sd = SentenceData.read(dataFile(settings, given, "--sentences"), model.vocabulary());
                trainer = Trainer.sentences(model, sd, optimizer, state.config(), new SplitMix64(0));
                source = TrainCommand.describe(sd);
            } else {
                CorpusData cd = given == null && EmbeddedCorpus.NAME.equals(settings.get("data"))
                        ? EmbeddedCorpus.data() : CorpusData.read(dataFile(settings, given, "--data"), model.vocabulary());
                trainer = Trainer.corpus(model, cd, optimizer, state.config());
                source = TrainCommand.describe(cd);
            }
            trainer.restore(state); // the position is in the state: this replaces the generator above
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot resume from " + file + ": " + e.getMessage(), e);
        }
        SplitMix64.State samples = c.generators().get(TrainingSetup.SAMPLES);
        SplitMix64 sampleRng = samples != null ? new SplitMix64(samples) : new SplitMix64(state.step());
        return new TrainingSetup(trainer, settings, sampleRng, target, out, source, file);
    }

    /** --steps (a total), or nothing with --minutes alone, or the step count the saved run was given. */
    private long target(Map<String, String> settings, long step) {
        if (options.steps != null) {
            if (options.steps <= step) {
                throw OptionChecks.bad(cmd, "--steps: " + file + " is already at step " + step
                        + "; --steps is the total to reach, give more than " + step);
            }
            return options.steps;
        }
        if (options.minutes != null) return 0;
        long recorded = 0;
        try {
            recorded = Long.parseLong(settings.getOrDefault(TrainingSetup.STEPS, "0"));
        } catch (NumberFormatException e) {
            // not recorded in a usable form: ask for --steps below
        }
        if (recorded <= step) {
            throw OptionChecks.bad(cmd, file + " is at step " + step + (recorded == step ? ", the end of its run" : "")
                    + "; give --steps N (the total to reach, more than " + step + ") or --minutes M");
        }
        return recorded;
    }

    /** The data file: the one given, else the one recorded in the checkpoint, which must still exist. */
    private Path dataFile(Map<String, String> settings, Path given, String flag) throws IOException {
        if (given != null) return given;
        String recorded = settings.get("data");
        if (recorded == null) throw new IOException(file + ": does not record its training data; give it with " + flag + " FILE");
        Path path = Path.of(recorded);
        if (!path.toFile().exists()) {
            throw new NoSuchFileException(recorded, null, "no such file: " + file + " was trained on it; give its "
                    + "new place with " + flag + " FILE");
        }
        return path;
    }
}
