package org.recurrent4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The characters a character-level model reads and writes, each a Unicode code point with an index.
 *
 * <p>Index {@value #START} is both the START token (as input) and the END token (as output); the
 * characters have indices 1 … {@code size() - 1}. Built from text, every code point whose count reaches the
 * threshold gets an index, in code point order, so the same text always gives the same vocabulary.
 *
 * <p>A vocabulary {@linkplain #withoutStartEnd without START/END}, as a PyTorch character model has it, gives its
 * characters the indices 0 … {@code size() - 1}: such a model reads its first character as its first input and
 * never predicts an end. Instances are immutable and safe to share between threads.
 */
public final class Vocabulary {
    /** The index of the START token, fed as the first input of every sentence. */
    public static final int START = 0;
    /** The index of the END token, the last target of every sentence; the same index as {@link #START}. */
    public static final int END = 0;
    /** The largest number of distinct characters a vocabulary may hold. */
    public static final int MAX_CHARACTERS = 10_000;

    private final int[] codePoints;   // index i + first -> codePoints[i]
    private final int[] sortedKeys;   // code points, ascending, for binary search
    private final int[] sortedIndex;  // the index of sortedKeys[k]
    /** The index of the first character: 1 after START/END, 0 without it. */
    private final int first;

    private Vocabulary(int[] codePoints, String source) {
        this(codePoints, source, true);
    }

    private Vocabulary(int[] codePoints, String source, boolean startEnd) {
        if (codePoints.length == 0) throw new IllegalArgumentException(prefix(source) + "a vocabulary needs at least one character");
        if (codePoints.length > MAX_CHARACTERS) {
            throw new IllegalArgumentException(prefix(source) + "the text has " + CodePointNames.count(codePoints.length)
                    + " distinct characters, more than the limit of " + CodePointNames.count(MAX_CHARACTERS)
                    + "; use a higher count threshold or a text with fewer distinct characters");
        }
        this.codePoints = codePoints;
        this.first = startEnd ? 1 : 0;
        Integer[] order = new Integer[codePoints.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(codePoints[a], codePoints[b]));
        sortedKeys = new int[codePoints.length];
        sortedIndex = new int[codePoints.length];
        for (int k = 0; k < order.length; k++) {
            sortedKeys[k] = codePoints[order[k]];
            sortedIndex[k] = order[k] + first;
            if (k > 0 && sortedKeys[k] == sortedKeys[k - 1]) {
                throw new IllegalArgumentException(prefix(source) + "character "
                        + CodePointNames.describe(sortedKeys[k]) + " is listed twice");
            }
        }
    }

    /** Every code point of {@code text} gets an index (count threshold 1). */
    public static Vocabulary fromText(CharSequence text) {
        return fromText(text, 1, null);
    }

    /** Every code point occurring at least {@code threshold} times in {@code text} gets an index. */
    public static Vocabulary fromText(CharSequence text, int threshold) {
        return fromText(text, threshold, null);
    }

    /** As {@link #fromText(CharSequence, int)}, with {@code source} (a file name) at the start of messages. */
    static Vocabulary fromText(CharSequence text, int threshold, String source) {
        if (threshold < 1) throw new IllegalArgumentException("count threshold must be at least 1, got " + threshold);
        if (text.isEmpty()) throw new IllegalArgumentException(prefix(source) + "the text is empty; a vocabulary needs at least one character");
        int[] counts = new int[Character.MIN_SUPPLEMENTARY_CODE_POINT];
        Map<Integer, Integer> supplementary = new HashMap<>();
        text.codePoints().forEach(cp -> {
            if (cp < counts.length) counts[cp]++;
            else supplementary.merge(cp, 1, Integer::sum);
        });
        List<Integer> kept = new ArrayList<>();
        for (int cp = 0; cp < counts.length; cp++) if (counts[cp] >= threshold) kept.add(cp);
        supplementary.entrySet().stream().filter(e -> e.getValue() >= threshold).map(Map.Entry::getKey).sorted().forEach(kept::add);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(prefix(source) + "no character occurs at least " + threshold
                    + " times; lower the count threshold");
        }
        return new Vocabulary(kept.stream().mapToInt(Integer::intValue).toArray(), source);
    }

    /** A vocabulary whose character {@code i + 1} is {@code codePoints[i]}; the order is kept as given. */
    public static Vocabulary ofCodePoints(int... codePoints) {
        checkScalarValues(codePoints);
        return new Vocabulary(codePoints.clone(), null);
    }

    private static void checkScalarValues(int[] codePoints) {
        for (int cp : codePoints) {
            if (!Character.isValidCodePoint(cp) || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                throw new IllegalArgumentException(String.format("not a Unicode scalar value: 0x%X", cp));
            }
        }
    }

    /**
     * A vocabulary whose character {@code i + 1} is {@code characters.get(i)}, each string holding exactly one
     * code point (the form in which RecurrentJS JSON keys {@code letterToIndex} and {@code indexToLetter}).
     */
    public static Vocabulary of(List<String> characters) {
        return ofCodePoints(codePoints(characters));
    }

    /**
     * A vocabulary without the START/END index, whose character {@code i} is {@code characters.get(i)} (each
     * string exactly one code point): the vocabulary of a character model whose embedding has one row per
     * character, as PyTorch models have it.
     */
    public static Vocabulary withoutStartEnd(List<String> characters) {
        int[] cps = codePoints(characters);
        checkScalarValues(cps);
        return new Vocabulary(cps, null, false);
    }

    private static int[] codePoints(List<String> characters) {
        int[] cps = new int[characters.size()];
        for (int i = 0; i < cps.length; i++) {
            String s = characters.get(i);
            if (s == null || s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException("character " + (i + 1) + " must be exactly one code point, got "
                        + (s == null ? "null" : "\"" + s + "\""));
            }
            cps[i] = s.codePointAt(0);
        }
        return cps;
    }

    /** The number of indices, START/END included: the number of characters, + 1 if it has START/END. */
    public int size() {
        return codePoints.length + first;
    }

    /** Whether index {@value #START} is START/END (true for every vocabulary built from text). */
    public boolean hasStartEnd() {
        return first == 1;
    }

    /** The index of the first character: 1 after START/END, 0 in a vocabulary without it. */
    public int firstIndex() {
        return first;
    }

    /** Whether {@code codePoint} has an index. */
    public boolean contains(int codePoint) {
        return find(codePoint) >= 0;
    }

    /** The index of {@code codePoint}, or an exception naming the character. */
    public int indexOf(int codePoint) {
        int index = find(codePoint);
        if (index < 0) throw unknown(codePoint, null);
        return index;
    }

    /** The index of {@code codePoint}, or an exception naming the character and its 1-based line and column. */
    public int indexOf(int codePoint, long line, long column) {
        int index = find(codePoint);
        if (index < 0) throw unknown(codePoint, "at " + new TextPosition(line, column));
        return index;
    }

    /** The code point with index {@code index}, from {@link #firstIndex()} to {@code size() - 1}. */
    public int codePointAt(int index) {
        if (index < first || index >= size()) {
            throw new IllegalArgumentException("codePointAt: index " + index + " is not a character index (" + first
                    + ".." + (size() - 1) + (first == 1 ? "; 0 is START/END)" : ")"));
        }
        return codePoints[index - first];
    }

    /** The indices of the code points of {@code text}; an unknown character is named with its 1-based position. */
    public int[] encode(String text) {
        int[] out = new int[text.codePointCount(0, text.length())];
        for (int i = 0, k = 0; i < text.length(); k++) {
            int cp = text.codePointAt(i);
            int index = find(cp);
            if (index < 0) throw unknown(cp, "at position " + (k + 1));
            out[k] = index;
            i += Character.charCount(cp);
        }
        return out;
    }

    /** The text spelled by character indices; START/END (0, if there is one) is not a character and is refused. */
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int index : indices) sb.appendCodePoint(codePointAt(index));
        return sb.toString();
    }

    /** The characters in index order (the first has index {@link #firstIndex()}), each as a one-code-point string. */
    public List<String> characters() {
        List<String> out = new ArrayList<>(codePoints.length);
        for (int cp : codePoints) out.add(Character.toString(cp));
        return List.copyOf(out);
    }

    /** The code points in index order (the first has index {@link #firstIndex()}); a fresh copy. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /**
     * The characters of {@code other} that this vocabulary lacks, in {@code other}'s index order (code point order
     * for a vocabulary built from text).
     */
    public int[] missing(Vocabulary other) {
        return Arrays.stream(other.codePoints).filter(cp -> find(cp) < 0).toArray();
    }

    /**
     * This vocabulary with {@code added} characters after its own, which keep their indices; with START/END if
     * this one has it.
     *
     * @throws IllegalArgumentException if a character is already in it, listed twice or not a Unicode scalar value
     */
    public Vocabulary extendedWith(int... added) {
        checkScalarValues(added);
        int[] all = Arrays.copyOf(codePoints, codePoints.length + added.length);
        System.arraycopy(added, 0, all, codePoints.length, added.length);
        return new Vocabulary(all, null, hasStartEnd());
    }

    /**
     * The first {@code limit} of {@code codePoints} as messages name characters, {@code 'Q' (U+0051), '\t'
     * (U+0009)}, and how many more there are.
     */
    public static String describe(int[] codePoints, int limit) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(limit, codePoints.length); i++) {
            if (i > 0) sb.append(", ");
            sb.append(CodePointNames.describe(codePoints[i]));
        }
        if (codePoints.length > limit) sb.append(" and ").append(CodePointNames.count(codePoints.length - limit)).append(" more");
        return sb.toString();
    }

    /** The index of {@code codePoint}, or -1; allocation-free. */
    int find(int codePoint) {
        int k = Arrays.binarySearch(sortedKeys, codePoint);
        return k >= 0 ? sortedIndex[k] : -1;
    }

    /** The exception for a character outside the vocabulary; {@code where} (may be null) says where it was. */
    IllegalArgumentException unknown(int codePoint, String where) {
        return new IllegalArgumentException("character " + CodePointNames.describe(codePoint)
                + (where == null ? "" : " " + where) + " is not in the vocabulary ("
                + CodePointNames.count(codePoints.length) + " characters)");
    }

    private static String prefix(String source) {
        return source == null ? "" : source + ": ";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && first == v.first && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codePoints) + first;
    }

    @Override
    public String toString() {
        return "Vocabulary[" + codePoints.length + " characters" + (first == 1 ? " + START/END]" : ", no START/END]");
    }
}
