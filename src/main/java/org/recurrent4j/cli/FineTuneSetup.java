package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingData;
import picocli.CommandLine;

/**
 * {@code train --init-from MODEL}: a run that starts from a trained model's weights, with a fresh optimizer and
 * schedule and the run's other options. The model fixes the kind and sizes, so a different --model, --hidden or
 * --embed is refused. A character of the data outside the model's vocabulary is refused, naming the first few,
 * unless --extend-vocabulary gives each one new rows, drawn as a new model's with the run's seed. A model without
 * START/END (imported from PyTorch) trains in corpus mode only, keeping its vocabulary's form.
 */
final class FineTuneSetup {
    /** How many of the characters outside the vocabulary a refusal names. */
    static final int NAMED = 5;

    private FineTuneSetup() {}

    static TrainingSetup prepare(TrainCommand options, CommandLine cmd, RunSettings given, SplitMix64 trainRng,
                                 SplitMix64 sampleRng) throws IOException {
        Path file = options.initFrom;
        CharModel base = ModelFile.load(file).model(); // a missing or corrupt file is one line first
        String shape = base.kind() + " " + base.hiddenSizes() + ", embedding " + base.letterSize();
        refuseOther(cmd, "--model", given.kind().id(), base.kind(), file, shape);
        refuseOther(cmd, "--hidden", given.hidden(), base.hiddenSizes(), file, shape);
        refuseOther(cmd, "--embed", given.embed(), base.letterSize(), file, shape);
        Vocabulary own = base.vocabulary();
        if (given.data() instanceof TrainingData.Sentences && !own.hasStartEnd()) {
            throw OptionChecks.bad(cmd, "--sentences: " + file + " has no START/END index (a model imported from "
                    + "PyTorch), which sentence mode needs; fine-tune it on a continuous text with --data");
        }
        RunSettings settings = new RunSettings(given.data(), ModelKind.of(base.kind()), base.hiddenSizes(),
                base.letterSize(), given.init(), given.optimizer(), given.config(), given.seed(), given.steps(),
                given.keepBest(), given.patience(), given.fineTuning());

        TrainingData.Loaded asRead = settings.data().load(null);
        int[] missing = own.missing(asRead.vocabulary());
        if (missing.length > 0 && !settings.fineTuning().extendVocabulary()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d character%s of the data %s not in "
                            + "the vocabulary of %s (%,d characters): %s; give --extend-vocabulary to add %s",
                    given.data().option().equals("--data") ? options.texts.data : options.texts.sentences, missing.length, missing.length == 1 ? "" : "s",
                    missing.length == 1 ? "is" : "are", file, own.size() - own.firstIndex(),
                    Vocabulary.describe(missing, NAMED), missing.length == 1 ? "it" : "them"));
        }
        Vocabulary vocabulary = missing.length == 0 ? own : own.extendedWith(missing);
        TrainingData.Loaded loaded = settings.data().load(vocabulary);
        options.checkMemory(cmd, settings, loaded);
        CharModel model = missing.length == 0 ? base : base.withVocabulary(vocabulary, settings.initializer(), trainRng);
        Trainer trainer = loaded.trainer(model, RunSettings.optimizer(settings.optimizer()), settings.config(), trainRng);
        String source = loaded.description() + ", from " + file
                + (missing.length == 0 ? "" : String.format(Locale.ROOT, " and %,d new character%s", missing.length,
                missing.length == 1 ? "" : "s"));
        return new TrainingSetup(trainer, settings, sampleRng, options.out, source, null);
    }

    /** Refuses {@code flag} given with a value other than the model's. */
    private static void refuseOther(CommandLine cmd, String flag, Object given, Object model, Path file, String shape) {
        if (!cmd.getParseResult().hasMatchedOption(flag) || given.equals(model)) return;
        throw OptionChecks.bad(cmd, flag + ": the model comes from --init-from " + file + " (" + shape + "), whose "
                + flag.substring(2) + " is " + (model instanceof List<?> l ? joined(l) : model) + "; drop " + flag);
    }

    private static String joined(List<?> sizes) {
        return String.join(",", sizes.stream().map(String::valueOf).toList());
    }
}
