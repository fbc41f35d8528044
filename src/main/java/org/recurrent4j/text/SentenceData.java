package org.recurrent4j.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Training sentences for the seed's demo: one sentence per line, lines trimmed and empty lines dropped,
 * each sentence encoded as character indices of a {@link Vocabulary}. Immutable.
 *
 * <p>With a count threshold above 1, sentences that contain a character below the threshold are dropped
 * (the seed would fail on them); {@link #droppedSentences()} says how many.
 */
public final class SentenceData {
    private final String source;
    private final Vocabulary vocabulary;
    private final String[] texts;
    private final int[][] sentences;
    private final int dropped;
    private final int maxLength;

    private SentenceData(String source, Vocabulary vocabulary, List<String> texts, List<int[]> sentences, int dropped) {
        this.source = source;
        this.vocabulary = vocabulary;
        this.texts = texts.toArray(String[]::new);
        this.sentences = sentences.toArray(int[][]::new);
        this.dropped = dropped;
        int max = 0;
        for (int[] s : this.sentences) max = Math.max(max, s.length);
        this.maxLength = max;
    }

    /** Reads {@code file} (UTF-8) and builds the vocabulary from its sentences with count threshold 1. */
    public static SentenceData read(Path file) throws IOException {
        return read(file, 1);
    }

    /**
     * Reads {@code file} (UTF-8) and builds the vocabulary from its sentences with the given count threshold.
     *
     * @throws IOException if the file cannot be read as UTF-8 text (see the message)
     * @throws IllegalArgumentException if the file has no sentences or too many distinct characters
     */
    public static SentenceData read(Path file, int threshold) throws IOException {
        return fromText(TextFile.read(file), threshold, file.toString());
    }

    /**
     * Reads {@code file} (UTF-8) and encodes it with an existing vocabulary, such as a trained model's.
     *
     * @throws IllegalArgumentException naming the character, line and column of the first character that is
     *     not in {@code vocabulary}, if the file has no sentences, or if the vocabulary has no START/END index
     */
    public static SentenceData read(Path file, Vocabulary vocabulary) throws IOException {
        return fromText(TextFile.read(file), vocabulary, file.toString());
    }

    /** Sentences from in-memory text, one per line; {@code source} names the text in error messages. */
    public static SentenceData fromText(String text, int threshold, String source) {
        List<Line> lines = lines(text, source);
        StringBuilder all = new StringBuilder();
        for (Line line : lines) all.append(line.text());
        Vocabulary vocabulary = Vocabulary.fromText(all, threshold, source);
        List<String> texts = new ArrayList<>();
        List<int[]> encoded = new ArrayList<>();
        for (Line line : lines) {
            int[] s = new int[line.text().codePointCount(0, line.text().length())];
            boolean known = true;
            for (int i = 0, k = 0; i < line.text().length() && known; k++) {
                int cp = line.text().codePointAt(i);
                s[k] = vocabulary.find(cp);
                known = s[k] > 0;
                i += Character.charCount(cp);
            }
            if (known) {
                texts.add(line.text());
                encoded.add(s);
            }
        }
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException(source + ": every sentence has a character below the count threshold "
                    + threshold + "; lower the threshold");
        }
        return new SentenceData(source, vocabulary, texts, encoded, lines.size() - encoded.size());
    }

    /**
     * Sentences from in-memory text, encoded with {@code vocabulary}; {@code source} names the text in errors.
     *
     * @throws IllegalArgumentException if {@code vocabulary} has no START/END index: a sentence starts from START
     *     and its last prediction is END
     */
    public static SentenceData fromText(String text, Vocabulary vocabulary, String source) {
        if (!vocabulary.hasStartEnd()) {
            throw new IllegalArgumentException("sentence mode needs the START/END index, and the model's vocabulary "
                    + "has none (a model imported from PyTorch reads its first character as input); read " + source
                    + " as a continuous text instead");
        }
        List<Line> lines = lines(text, source);
        List<String> texts = new ArrayList<>();
        List<int[]> encoded = new ArrayList<>();
        for (Line line : lines) {
            String t = line.text();
            int[] s = new int[t.codePointCount(0, t.length())];
            for (int i = 0, k = 0; i < t.length(); k++) {
                int cp = t.codePointAt(i);
                s[k] = vocabulary.find(cp);
                if (s[k] < 0) {
                    throw vocabulary.unknown(cp, "at line " + line.number() + ", column "
                            + (line.indent() + k + 1) + " of " + source);
                }
                i += Character.charCount(cp);
            }
            texts.add(t);
            encoded.add(s);
        }
        return new SentenceData(source, vocabulary, texts, encoded, 0);
    }

    /** A non-blank line: its trimmed text, 1-based line number, and how many code points the trim cut in front. */
    private record Line(String text, long number, int indent) {}

    private static List<Line> lines(String text, String source) {
        List<Line> out = new ArrayList<>();
        long number = 0;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            number++;
            String stripped = raw.strip();
            if (stripped.isEmpty()) continue;
            int lead = raw.indexOf(stripped);
            out.add(new Line(stripped, number, raw.codePointCount(0, lead)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": has no sentences (every line is blank); "
                    + "give a text with one sentence per line");
        }
        return out;
    }

    /** The vocabulary the sentences are encoded with. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Where the sentences came from (a file name), for messages. */
    public String source() {
        return source;
    }

    /** The number of sentences. */
    public int count() {
        return sentences.length;
    }

    /** How many non-blank lines were dropped for holding a character below the count threshold. */
    public int droppedSentences() {
        return dropped;
    }

    /** The number of characters of sentence {@code i}. */
    public int length(int i) {
        return sentences[i].length;
    }

    /** The length of the longest sentence. */
    public int maxLength() {
        return maxLength;
    }

    /** The character indices of sentence {@code i}; a fresh copy. */
    public int[] sentence(int i) {
        return sentences[i].clone();
    }

    /** The (trimmed) text of sentence {@code i}. */
    public String text(int i) {
        return texts[i];
    }

    /** A uniformly random sentence number, as the seed picks one per tick. */
    public int pick(RandomGenerator random) {
        return random.nextInt(sentences.length);
    }

    /** The character index at position {@code t} of sentence {@code i}; for packing, unchecked. */
    int at(int i, int t) {
        return sentences[i][t];
    }

    /** A 64-bit hash of the encoded sentences, in order: equal data gives equal fingerprints. */
    public long fingerprint() {
        DataFingerprint f = new DataFingerprint();
        for (int[] s : sentences) f.add(s);
        return f.value();
    }

    /** The total number of predictions over all sentences: the sum of (length + 1). */
    public long predictions() {
        long n = 0;
        for (int[] s : sentences) n += s.length + 1;
        return n;
    }

    @Override
    public String toString() {
        return "SentenceData[" + source + ", " + sentences.length + " sentences, " + vocabulary + "]";
    }
}
