package org.recurrent4j.io;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;

/**
 * A model file that also holds everything needed to continue training exactly: the optimizer's state
 * ({@link OptimizerSections}), the trainer's state with its data position, report interval and reports so far,
 * and the state of named random generators such as the CLI's sample generator ({@link TrainerSections}). It is
 * an ordinary model file otherwise: {@link ModelFile#load} reads its model and skips the rest. Written
 * atomically, like every model file.
 */
public record Checkpoint(SavedModel saved, TrainerState trainer, Map<String, SplitMix64.State> generators) {
    public Checkpoint {
        generators = Map.copyOf(generators);
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
