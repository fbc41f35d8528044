package org.recurrent4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.text.CharModel;

/**
 * Every setting of a training run, validated once when the record is made: what it trains on (and so its mode),
 * the model's kind, hidden sizes, embedding and initial distribution, the optimizer, the step settings
 * ({@link TrainingConfig}), the seed, the step count to reach (0: none, a run bounded by time), whether the model of
 * the best validation loss is kept in a file of its own, after how many validations without improvement the run
 * stops (0: never), and the trained model it starts from ({@link FineTuning}, null for a fresh model). A refused
 * value is a {@link SettingException} naming the setting by its command-line option. A checkpoint records the
 * settings once each: the model's shape in its header, the step settings with the trainer's state, the rest as
 * the header's training settings.
 */
public record RunSettings(TrainingData data, ModelKind kind, List<Integer> hidden, int embed,
                          Init.Distribution init, String optimizer, TrainingConfig config, long seed, long steps,
                          boolean keepBest, int patience, FineTuning fineTuning) {
    /** The standard deviation of the initial weights, as both seed libraries use it. */
    public static final float INIT_STD = Init.DEFAULT.std();

    /**
     * Training that starts from the weights of the trained model in {@code model} (a fresh optimizer and
     * schedule); with {@code extendVocabulary}, characters of the data outside its vocabulary get new rows.
     */
    public record FineTuning(Path model, boolean extendVocabulary) {
        public FineTuning {
            if (model == null) throw new IllegalArgumentException("fine-tuning: the model file is required");
            model = model.toAbsolutePath().normalize();
        }
    }

    public RunSettings {
        if (data == null || kind == null || hidden == null || init == null || optimizer == null || config == null) {
            throw new IllegalArgumentException("run settings: data, kind, hidden, init, optimizer and config are required");
        }
        if (hidden.isEmpty()) throw new SettingException("--hidden", "give at least one layer size", null);
        for (Integer h : hidden) {
            if (h == null || h < 1) throw new SettingException("--hidden", "layer size " + h + " must be at least 1", null);
        }
        hidden = List.copyOf(hidden);
        SettingException.atLeast("--embed", embed, 1);
        optimizer(optimizer);
        if (steps != 0) checkSteps(steps);
        SettingException.atLeast("--patience", patience, 0);
        if (data instanceof TrainingData.Sentences && (keepBest || patience > 0)) {
            throw new SettingException(keepBest ? "--keep-best" : "--patience", "needs the validation loss, which "
                    + "only corpus mode (--data) measures; sentence mode has no validation split", null);
        }
        if (fineTuning != null && data instanceof TrainingData.Embedded) {
            throw new SettingException("--init-from", "give the text to fine-tune on with --data FILE or "
                    + "--sentences FILE", null);
        }
    }

    /** A fresh run without a kept best model, patience or fine-tuning. */
    public RunSettings(TrainingData data, ModelKind kind, List<Integer> hidden, int embed, Init.Distribution init,
                       String optimizer, TrainingConfig config, long seed, long steps) {
        this(data, kind, hidden, embed, init, optimizer, config, seed, steps, false, 0, null);
    }

    /** The one rule of a step count to reach: at least 1. */
    public static void checkSteps(long steps) {
        SettingException.atLeast("--steps", steps, 1);
    }

    /** The distribution named {@code uniform} (RecurrentJS) or {@code gaussian} (RecurrentNN.jl). */
    public static Init.Distribution distribution(String name) {
        for (Init.Distribution d : Init.Distribution.values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(name)) return d;
        }
        throw new SettingException("--init", "unknown distribution '" + name + "', expected uniform or gaussian", null);
    }

    /** A new optimizer named {@code name} (rmsprop, adam or sgd), with its default settings. */
    public static Optimizer optimizer(String name) {
        try {
            return Optimizer.named(name);
        } catch (IllegalArgumentException e) {
            throw new SettingException("--optimizer", e.getMessage(), null);
        }
    }

    /** The name of {@link #init()} as options and checkpoints give it: {@code uniform} or {@code gaussian}. */
    public String initName() {
        return init.name().toLowerCase(Locale.ROOT);
    }

    /** How the weights are drawn: {@link #init()} with std 0.08. */
    public Init initializer() {
        return new Init(init, INIT_STD);
    }

    /** A fresh model for {@code loaded}'s vocabulary, its weights drawn from {@code rng}, and its trainer. */
    public Trainer newTrainer(TrainingData.Loaded loaded, SplitMix64 rng) {
        CharModel model = CharModel.create(loaded.vocabulary(), kind, hidden, embed, initializer(), rng);
        return loaded.trainer(model, optimizer(optimizer), config, rng);
    }

    /** These settings with the data at another place (same mode). */
    public RunSettings withData(TrainingData other) {
        return new RunSettings(other, kind, hidden, embed, init, optimizer, config, seed, steps, keepBest, patience,
                fineTuning);
    }

    /** These settings with another step count to reach (0: none). */
    public RunSettings withSteps(long value) {
        return new RunSettings(data, kind, hidden, embed, init, optimizer, config, seed, value, keepBest, patience,
                fineTuning);
    }

    /** These settings with another choice of keeping the best model and another patience (0: none). */
    public RunSettings withBest(boolean keep, int validations) {
        return new RunSettings(data, kind, hidden, embed, init, optimizer, config, seed, steps, keep, validations,
                fineTuning);
    }
}
