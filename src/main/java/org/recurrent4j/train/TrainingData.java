package org.recurrent4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.EmbeddedCorpus;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.Vocabulary;

/**
 * What a run trains on, which also decides how it trains: {@link Sentences} (one sentence per line, each step
 * trains random sentences from the zero state), {@link Corpus} (a continuous text read as parallel streams) or
 * {@link Embedded} (corpus mode on the text that ships in the jar). {@link #load} reads the data, and the result
 * builds the trainer of its mode, so no caller tells the modes apart.
 */
public sealed interface TrainingData {
    /** Steps of a run given neither a step count nor a time budget: the seed's reference point in sentence mode. */
    long SENTENCE_STEPS = 3000;
    /** The same in corpus mode, where a step trains batch × seq characters. */
    long CORPUS_STEPS = 1000;

    /** {@code sentences} or {@code corpus}, as checkpoints record it. */
    String mode();

    /** Where the data is, as checkpoints record it: an absolute path, or {@link EmbeddedCorpus#NAME}. */
    String location();

    /** The file read: null for the embedded text, and for a checkpoint that does not record its data. */
    Path file();

    /** The option that gives this kind of data: {@code --sentences} or {@code --data}. */
    String option();

    /** The batch of a run that does not give one: 1 sentence, or {@link TrainingConfig#CORPUS_BATCH} streams. */
    int defaultBatch();

    /** The step count of a run that gives neither steps nor a time budget. */
    long defaultSteps();

    /**
     * Reads the data; with a {@code vocabulary} (a trained model's) the text is encoded with it, else the
     * vocabulary is built from the text.
     *
     * @throws IOException if the file cannot be read as UTF-8 text, or is not recorded (a file of null)
     * @throws IllegalArgumentException if the text does not fit (no sentences, a character outside the vocabulary)
     */
    Loaded load(Vocabulary vocabulary) throws IOException;

    /** The same kind of data at another file (a resume whose data has moved). */
    TrainingData at(Path file);

    /** Sentence mode on {@code file} (null: a checkpoint that does not record it). */
    record Sentences(Path file) implements TrainingData {
        public Sentences {
            if (file != null) file = file.toAbsolutePath().normalize();
        }

        @Override
        public String mode() {
            return "sentences";
        }

        @Override
        public String location() {
            return String.valueOf(file);
        }

        @Override
        public String option() {
            return "--sentences";
        }

        @Override
        public int defaultBatch() {
            return 1;
        }

        @Override
        public long defaultSteps() {
            return SENTENCE_STEPS;
        }

        @Override
        public Loaded load(Vocabulary vocabulary) throws IOException {
            Path f = given(file, "--sentences");
            return new LoadedSentences(vocabulary == null ? SentenceData.read(f) : SentenceData.read(f, vocabulary));
        }

        @Override
        public TrainingData at(Path other) {
            return new Sentences(other);
        }
    }

    /** Corpus mode on {@code file} (null: a checkpoint that does not record it). */
    record Corpus(Path file) implements TrainingData {
        public Corpus {
            if (file != null) file = file.toAbsolutePath().normalize();
        }

        @Override
        public String mode() {
            return "corpus";
        }

        @Override
        public String location() {
            return String.valueOf(file);
        }

        @Override
        public String option() {
            return "--data";
        }

        @Override
        public int defaultBatch() {
            return TrainingConfig.CORPUS_BATCH;
        }

        @Override
        public long defaultSteps() {
            return CORPUS_STEPS;
        }

        @Override
        public Loaded load(Vocabulary vocabulary) throws IOException {
            Path f = given(file, "--data");
            return new LoadedCorpus(vocabulary == null ? CorpusData.read(f) : CorpusData.read(f, vocabulary));
        }

        @Override
        public TrainingData at(Path other) {
            return new Corpus(other);
        }
    }

    /** Corpus mode on the embedded text (this project's own sources and README). */
    record Embedded() implements TrainingData {
        @Override
        public Path file() {
            return null;
        }

        @Override
        public String mode() {
            return "corpus";
        }

        @Override
        public String location() {
            return EmbeddedCorpus.NAME;
        }

        @Override
        public String option() {
            return "--data";
        }

        @Override
        public int defaultBatch() {
            return TrainingConfig.CORPUS_BATCH;
        }

        @Override
        public long defaultSteps() {
            return CORPUS_STEPS;
        }

        @Override
        public Loaded load(Vocabulary vocabulary) {
            return new LoadedCorpus(EmbeddedCorpus.data()); // the trainer holds its vocabulary to the model's
        }

        @Override
        public TrainingData at(Path other) {
            return new Corpus(other);
        }
    }

    /**
     * The data of {@code mode} ({@code sentences} or {@code corpus}) as a checkpoint records it: an absolute path,
     * {@link EmbeddedCorpus#NAME}, or null when it is not recorded.
     *
     * @throws IllegalArgumentException for another mode
     */
    public static TrainingData recorded(String mode, String location) {
        Path file = location == null ? null : Path.of(location);
        return switch (mode) {
            case "sentences" -> new Sentences(file);
            case "corpus" -> EmbeddedCorpus.NAME.equals(location) ? new Embedded() : new Corpus(file);
            default -> throw new IllegalArgumentException("unknown training mode '" + mode + "'");
        };
    }

    private static Path given(Path file, String flag) throws IOException {
        if (file == null) throw new IOException("the training data is not recorded; give it with " + flag + " FILE");
        return file;
    }

    /** Data in memory, ready to build the trainer of its mode. */
    sealed interface Loaded {
        Vocabulary vocabulary();

        /** The source and its size, e.g. {@code samples.txt (2,046 sentences)}. */
        String description();

        /** The time steps one training step unrolls: the longest sentence and END, or the chunk length. */
        int unrolledSteps(TrainingConfig config);

        /**
         * The trainer of this mode; {@code rng} draws the sentences (sentence mode; it must be a
         * {@link SplitMix64} for a checkpoint) and, with dropout, the seed of the mask generator.
         */
        Trainer trainer(CharModel model, Optimizer optimizer, TrainingConfig config, SplitMix64 rng);
    }

    /** Sentences in memory. */
    record LoadedSentences(SentenceData data) implements Loaded {
        @Override
        public Vocabulary vocabulary() {
            return data.vocabulary();
        }

        @Override
        public String description() {
            return data.source() + " (" + String.format(Locale.ROOT, "%,d", data.count()) + " sentences)";
        }

        @Override
        public int unrolledSteps(TrainingConfig config) {
            return data.maxLength() + 1;
        }

        @Override
        public Trainer trainer(CharModel model, Optimizer optimizer, TrainingConfig config, SplitMix64 rng) {
            return Trainer.sentences(model, data, optimizer, config, rng);
        }
    }

    /** A corpus in memory. */
    record LoadedCorpus(CorpusData data) implements Loaded {
        @Override
        public Vocabulary vocabulary() {
            return data.vocabulary();
        }

        @Override
        public String description() {
            return data.source() + String.format(Locale.ROOT, " (%,d + %,d characters)", data.trainingLength(),
                    data.validationLength());
        }

        @Override
        public int unrolledSteps(TrainingConfig config) {
            return config.seqLength();
        }

        @Override
        public Trainer trainer(CharModel model, Optimizer optimizer, TrainingConfig config, SplitMix64 rng) {
            return Trainer.corpus(model, data, optimizer, config, rng);
        }
    }
}
