package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.train.BestValidation;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingData;
import picocli.CommandLine;

/**
 * {@code train --resume FILE}: the checkpoint's model, optimizer, trainer state, data and settings, with this run's
 * own options (the step target, the output, saving, sampling, metrics, keeping the best model, patience; the last
 * two as the checkpoint records them unless given). The options that decide what is trained and how are fixed by
 * the checkpoint; giving one is a usage error, since the resumed run would no longer be the run that was saved.
 */
final class ResumeSetup {
    /** The options a checkpoint fixes. */
    static final List<String> FIXED = List.of("--model", "--hidden", "--embed", "--init", "--optimizer", "--lr",
            "--regc", "--clip", "--dropout", "--lr-decay", "--lr-decay-after", "--warmup", "--batch", "--seq",
            "--report-every", "--val-every", "--seed", "--init-from", "--extend-vocabulary");

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
        if (options.reports.metrics() != null) OptionChecks.writableFile(cmd, "--metrics", options.reports.metrics());

        Checkpoint c = Checkpoint.load(file); // names a missing, unreadable or corrupt file first
        TrainerState state = c.trainer();
        RunSettings saved;
        try {
            saved = c.settings();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot resume from " + file + ": its training settings are corrupt: "
                    + e.getMessage(), e);
        }
        RunSettings settings;
        try {
            settings = saved.withData(data(saved.data())).withSteps(target(saved.steps(), state.step()))
                    .withBest(options.keepBest || saved.keepBest(),
                            options.patience != null ? options.patience : saved.patience());
        } catch (org.recurrent4j.train.SettingException e) {
            throw OptionChecks.bad(cmd, e);
        }
        BestValidation best = BestValidation.of(state.history());
        if (best.exhausted(settings.patience())) {
            throw OptionChecks.bad(cmd, String.format(java.util.Locale.ROOT, "%s stopped after %d validations "
                    + "without improvement (best validation loss %.4f at step %d); give --patience above %d to "
                    + "continue it", file, best.since(), best.loss(), best.step(), best.since()));
        }
        options.checkOutputs(cmd, out, file, settings);

        CharModel model = c.saved().model();
        Trainer trainer;
        String source;
        try {
            TrainingData.Loaded loaded = settings.data().load(model.vocabulary());
            trainer = loaded.trainer(model, RunSettings.optimizer(state.optimizer().kind()), state.config(),
                    new SplitMix64(0));
            source = loaded.description();
            trainer.restore(state); // the position is in the state: this replaces the generator above
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot resume from " + file + ": " + e.getMessage(), e);
        }
        SplitMix64.State samples = c.generators().get(TrainingSetup.SAMPLES);
        SplitMix64 sampleRng = samples != null ? new SplitMix64(samples) : new SplitMix64(state.step());
        return new TrainingSetup(trainer, settings, sampleRng, out, source, file);
    }

    /** --steps (a total), or nothing with --minutes alone, or the step count the saved run was given. */
    private long target(long recorded, long step) {
        Long steps = options.run.steps();
        if (steps != null) {
            if (steps <= step) {
                throw OptionChecks.bad(cmd, "--steps: " + file + " is already at step " + step
                        + "; --steps is the total to reach, give more than " + step);
            }
            return steps;
        }
        if (options.run.minutes() != null) return 0;
        if (recorded <= step) {
            throw OptionChecks.bad(cmd, file + " is at step " + step + (recorded == step ? ", the end of its run" : "")
                    + "; give --steps N (the total to reach, more than " + step + ") or --minutes M");
        }
        return recorded;
    }

    /** The data given with --sentences or --data (the mode's own option), else the one the checkpoint records. */
    private TrainingData data(TrainingData recorded) throws IOException {
        String flag = recorded.option();
        String other = flag.equals("--sentences") ? "--data" : "--sentences";
        Path given = flag.equals("--sentences") ? options.texts.sentences : options.texts.data;
        if ((flag.equals("--sentences") ? options.texts.data : options.texts.sentences) != null) {
            throw OptionChecks.bad(cmd, other + ": " + file + " was trained in "
                    + (flag.equals("--sentences") ? "sentence" : "corpus") + " mode; give its data with " + flag + " FILE");
        }
        if (given != null) return recorded.at(given);
        if (recorded instanceof TrainingData.Embedded) return recorded;
        Path path = recorded.file();
        if (path == null) throw new IOException(file + ": does not record its training data; give it with " + flag + " FILE");
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file: " + file + " was trained on it; give its "
                    + "new place with " + flag + " FILE");
        }
        return recorded;
    }
}
