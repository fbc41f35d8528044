package org.recurrent4j.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Continuous text for char-rnn style training, encoded as character indices and split, as char-rnn does,
 * into the first 95% of code points for training and the last 5% for validation. The vocabulary comes from
 * the whole text (or is given). Immutable; {@link #trainingStreams} and {@link #validationStreams} serve it.
 */
public final class CorpusData {
    /** The share of the text, in code points, used for training; the rest is validation. */
    public static final double TRAINING_SHARE = 0.95;

    private final String source;
    private final Vocabulary vocabulary;
    private final int[] training;
    private final int[] validation;

    private CorpusData(String source, Vocabulary vocabulary, int[] all) {
        this.source = source;
        this.vocabulary = vocabulary;
        int split = (int) (all.length * 95L / 100);
        this.training = Arrays.copyOfRange(all, 0, split);
        this.validation = Arrays.copyOfRange(all, split, all.length);
    }

    private CorpusData(String source, Vocabulary vocabulary, int[] training, int[] validation) {
        this.source = source;
        this.vocabulary = vocabulary;
        this.training = training;
        this.validation = validation;
    }

    /**
     * A corpus already encoded with {@code vocabulary} and already split, such as one part of a larger corpus
     * that a worker of data-parallel training reads; the arrays are copied. {@code validation} may be empty.
     *
     * @throws IllegalArgumentException if {@code training} is empty or an index is not one of the vocabulary's
     *     characters
     */
    public static CorpusData of(Vocabulary vocabulary, int[] training, int[] validation, String source) {
        if (training.length == 0) throw new IllegalArgumentException(source + ": the training split is empty");
        checkIndices(vocabulary, training, source + " (training split)");
        checkIndices(vocabulary, validation, source + " (validation split)");
        return new CorpusData(source, vocabulary, training.clone(), validation.clone());
    }

    private static void checkIndices(Vocabulary vocabulary, int[] indices, String source) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < vocabulary.firstIndex() || indices[i] >= vocabulary.size()) {
                throw new IllegalArgumentException(source + ": index " + indices[i] + " at position " + i
                        + " is not a character of the vocabulary (" + vocabulary.firstIndex() + " to "
                        + (vocabulary.size() - 1) + ")");
            }
        }
    }

    /**
     * Reads {@code file} (UTF-8) and builds the vocabulary from the whole text.
     *
     * @throws IOException if the file cannot be read as UTF-8 text (see the message)
     * @throws IllegalArgumentException if the text has too many distinct characters
     */
    public static CorpusData read(Path file) throws IOException {
        return fromText(TextFile.read(file), file.toString());
    }

    /** Reads {@code file} (UTF-8) and encodes it with {@code vocabulary}; an unknown character is named with its line and column. */
    public static CorpusData read(Path file, Vocabulary vocabulary) throws IOException {
        return fromText(TextFile.read(file), vocabulary, file.toString());
    }

    /** A corpus from in-memory text; {@code source} names it in messages. */
    public static CorpusData fromText(String text, String source) {
        return fromText(text, Vocabulary.fromText(text, 1, source), source);
    }

    /** A corpus from in-memory text encoded with {@code vocabulary}; {@code source} names it in messages. */
    public static CorpusData fromText(String text, Vocabulary vocabulary, String source) {
        if (text.isEmpty()) throw new IllegalArgumentException(source + ": the text is empty");
        int[] all = new int[text.codePointCount(0, text.length())];
        for (int i = 0, k = 0; i < text.length(); k++) {
            int cp = text.codePointAt(i);
            all[k] = vocabulary.find(cp);
            if (all[k] < 0) throw vocabulary.unknown(cp, "at " + TextPosition.of(text, i) + " of " + source);
            i += Character.charCount(cp);
        }
        return new CorpusData(source, vocabulary, all);
    }

    /** The vocabulary the text is encoded with. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Where the text came from (a file name), for messages. */
    public String source() {
        return source;
    }

    /** The number of code points in the training split: floor(0.95 × total). */
    public int trainingLength() {
        return training.length;
    }

    /** The number of code points in the validation split. */
    public int validationLength() {
        return validation.length;
    }

    /** The training split's character indices; a fresh copy. */
    public int[] training() {
        return training.clone();
    }

    /** The validation split's character indices; a fresh copy. */
    public int[] validation() {
        return validation.clone();
    }

    /** A 64-bit hash of the encoded text (both splits): equal data gives equal fingerprints. */
    public long fingerprint() {
        return new DataFingerprint().add(training).add(validation).value();
    }

    /** {@code streams} parallel streams over the training split, served {@code steps} at a time, wrapping around. */
    public CorpusStreams trainingStreams(int streams, int steps) {
        return new CorpusStreams(training, streams, steps, source + " (training split)");
    }

    /**
     * The same cutting over the validation split; one epoch of {@link CorpusStreams#chunksPerEpoch()} chunks
     * is one validation pass.
     */
    public CorpusStreams validationStreams(int streams, int steps) {
        return new CorpusStreams(validation, streams, steps, source + " (validation split)");
    }

    @Override
    public String toString() {
        return "CorpusData[" + source + ", " + training.length + " training + " + validation.length
                + " validation characters, " + vocabulary + "]";
    }
}
