package org.recurrent4j.io;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingData;

/**
 * A model file that also holds everything needed to continue training exactly: the optimizer's state
 * ({@link OptimizerSections}), the trainer's state with its data position, report interval and reports so far,
 * and the state of named random generators such as the CLI's sample generator ({@link TrainerSections}). It is
 * an ordinary model file otherwise: {@link ModelFile#load} reads its model and skips the rest. Written
 * atomically, like every model file.
 */
public record Checkpoint(SavedModel saved, TrainerState trainer, Map<String, SplitMix64.State> generators) {
    private static final String MODE = "mode";
    private static final String DATA = "data";
    private static final String INIT = "init";
    private static final String OPTIMIZER = "optimizer";
    private static final String SEED = "seed";
    private static final String STEPS = "steps";
    private static final String KEEP_BEST = "keepBest";
    private static final String PATIENCE = "patience";
    private static final String INIT_FROM = "initFrom";
    private static final String EXTEND_VOCABULARY = "extendVocabulary";
    /** The names of the run's own settings, those of earlier releases included, which extra settings may not take. */
    private static final java.util.Set<String> OWN = java.util.Set.of(MODE, DATA, INIT, OPTIMIZER, SEED, STEPS,
            KEEP_BEST, PATIENCE, INIT_FROM, EXTEND_VOCABULARY, "lr", "regc", "clip", "batch", "seq");

    public Checkpoint {
        generators = Map.copyOf(generators);
    }

    /**
     * Writes the trainer's model and state to {@code file} atomically, with the run's settings and the named
     * generators' states. Each setting is written once: the model's shape in the header, the step settings with
     * the trainer's state, and the data, initial distribution, optimizer, seed and step target as the header's
     * training settings ({@code mode}, {@code data}, {@code init}, {@code optimizer}, {@code seed}, {@code steps}),
     * with, when they are set, {@code keepBest}, {@code patience}, {@code initFrom} and {@code extendVocabulary}.
     *
     * @throws IllegalArgumentException if the settings' step settings are not the trainer's
     * @throws IllegalStateException if the trainer's state cannot be saved (see {@link Trainer#state()})
     */
    public static void save(Path file, Trainer trainer, RunSettings settings, Map<String, SplitMix64.State> generators)
            throws IOException {
        save(file, trainer, settings, Map.of(), generators);
    }

    /**
     * As {@link #save(Path, Trainer, RunSettings, Map)}, with {@code extra} settings of the run written beside the
     * header's training settings (a data-parallel run's partitions, say); {@link SavedModel#training()} reads them
     * back.
     *
     * @throws IllegalArgumentException if the settings' step settings are not the trainer's, or an extra setting
     *     has the name of one of the run's own
     */
    public static void save(Path file, Trainer trainer, RunSettings settings, Map<String, String> extra,
                            Map<String, SplitMix64.State> generators) throws IOException {
        if (!settings.config().equals(trainer.config())) {
            throw new IllegalArgumentException("checkpoint: the settings' " + settings.config()
                    + " are not the trainer's " + trainer.config());
        }
        Map<String, String> all = training(settings);
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (OWN.contains(e.getKey())) {
                throw new IllegalArgumentException("checkpoint: the extra setting '" + e.getKey()
                        + "' has the name of one of the run's own settings");
            }
            all.put(e.getKey(), e.getValue());
        }
        save(file, trainer, all, generators);
    }

    /** The header's training settings of a run: what neither the model's shape nor the trainer's state holds. */
    static Map<String, String> training(RunSettings s) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(MODE, s.data().mode());
        t.put(DATA, s.data().location());
        t.put(INIT, s.initName());
        t.put(OPTIMIZER, s.optimizer());
        t.put(SEED, Long.toString(s.seed()));
        if (s.steps() > 0) t.put(STEPS, Long.toString(s.steps()));
        if (s.keepBest()) t.put(KEEP_BEST, "true");
        if (s.patience() > 0) t.put(PATIENCE, Integer.toString(s.patience()));
        if (s.fineTuning() != null) {
            t.put(INIT_FROM, s.fineTuning().model().toString());
            if (s.fineTuning().extendVocabulary()) t.put(EXTEND_VOCABULARY, "true");
        }
        return t;
    }

    /**
     * The run's settings: the model's shape from the header, the step settings and the optimizer from the
     * trainer's state, the data, initial distribution, seed and step target from the header's training settings
     * (where a file written through the API may lack them: no data, uniform, seed 0, no step target). The mode
     * is the trainer's. Files of earlier releases, which also held lr, regc, clip, batch and seq there, read the
     * same: those come from the trainer's state.
     *
     * @throws IllegalArgumentException if a recorded setting is not valid
     */
    public RunSettings settings() {
        Map<String, String> t = saved.training();
        String mode = switch (trainer.position()) {
            case TrainerState.Sentences s -> "sentences";
            case TrainerState.Corpus c -> "corpus";
        };
        CharModel m = saved.model();
        Init.Distribution init = t.containsKey(INIT) ? RunSettings.distribution(t.get(INIT)) : Init.Distribution.UNIFORM;
        RunSettings.FineTuning from = t.containsKey(INIT_FROM)
                ? new RunSettings.FineTuning(Path.of(t.get(INIT_FROM)), "true".equals(t.get(EXTEND_VOCABULARY))) : null;
        return new RunSettings(TrainingData.recorded(mode, t.get(DATA)), ModelKind.of(m.kind()), m.hiddenSizes(),
                m.letterSize(), init, trainer.optimizer().kind(), trainer.config(), number(t.get(SEED)),
                Math.max(0, number(t.get(STEPS))), "true".equals(t.get(KEEP_BEST)),
                (int) Math.clamp(number(t.get(PATIENCE)), 0, Integer.MAX_VALUE), from);
    }

    /** A recorded whole number, or 0 when it is absent or not a number. */
    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Writes the trainer's model and state to {@code file} atomically, with the training settings as text and the
     * named generators' states.
     *
     * @throws IllegalStateException if the trainer's state cannot be saved (see {@link Trainer#state()})
     */
    public static void save(Path file, Trainer trainer, Map<String, String> settings,
                            Map<String, SplitMix64.State> generators) throws IOException {
        save(file, trainer, settings, generators, UnaryOperator.identity());
    }

    /** As {@link #save(Path, Trainer, Map, Map)}, writing through {@code wrap} (tests inject failures). */
    static void save(Path file, Trainer trainer, Map<String, String> settings,
                     Map<String, SplitMix64.State> generators, UnaryOperator<WritableByteChannel> wrap)
            throws IOException {
        TrainerState state = trainer.state();
        Map<String, byte[]> sections = new LinkedHashMap<>(
                ModelFile.sections(trainer.model(), settings, state.step(), state.optimizer()));
        sections.putAll(TrainerSections.encode(state, generators));
        AtomicFile.write(file, Sections.encode(sections), wrap);
    }

    /**
     * Reads a checkpoint.
     *
     * @throws ModelFileException if the file is not a model file, is truncated, corrupt or from a newer format,
     *     or holds a model without a training state (it cannot be resumed); the message names the file
     * @throws IOException if the file cannot be read
     */
    public static Checkpoint load(Path file) throws IOException {
        return decode(ModelFile.readBytes(file), file.toString());
    }

    /** The checkpoint in {@code bytes}; {@code name} names it in messages. */
    static Checkpoint decode(byte[] bytes, String name) throws ModelFileException {
        Map<String, byte[]> sections = Sections.decode(bytes, name);
        SavedModel saved = ModelFile.fromSections(sections, name);
        if (!sections.containsKey(TrainerSections.TRAINER)) {
            throw new ModelFileException(name + ": holds a model but no training state, so training cannot resume "
                    + "from it; give a file written by 'recurrent4j train'");
        }
        if (saved.optimizer() == null) throw new ModelFileException(name + ": corrupt: no optimizer state");
        TrainerSections.Decoded d;
        try {
            d = TrainerSections.decode(sections, saved.model(), saved.optimizer());
        } catch (RuntimeException e) { // Gson's and ours: whatever the bytes do not fit
            throw new ModelFileException(name + ": corrupt training state: " + Messages.firstLine(e));
        }
        if (d.state().step() != saved.step()) {
            throw new ModelFileException(name + ": corrupt: the training state is at step " + d.state().step()
                    + ", the model at step " + saved.step());
        }
        return new Checkpoint(saved, d.state(), d.generators());
    }
}
