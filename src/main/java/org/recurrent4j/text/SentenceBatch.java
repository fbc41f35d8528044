package org.recurrent4j.text;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A reusable buffer that packs up to {@code capacity} sentences of a {@link SentenceData} into per-step index
 * rows, for training several sentences at once.
 *
 * <p>After a fill, for each step {@code t < steps()} and column {@code j < capacity()}:
 * {@code sources()[t][j]} is START at t = 0 and then the characters of sentence j, and
 * {@code targets()[t][j]} is the characters and then END at t = n<sub>j</sub>. Beyond the end of sentence j
 * the target is {@link #MASKED} (no prediction) and the source is START (a harmless pad). {@code steps()} is
 * max n<sub>j</sub> + 1. Columns past {@link #size()} are fully masked. The arrays are allocated once, sized
 * for the longest sentence; filling allocates nothing. Not thread-safe.
 */
public final class SentenceBatch {
    /** The target of a padded position: no prediction is made there. */
    public static final int MASKED = -1;

    private final SentenceData data;
    private final int[][] sources;
    private final int[][] targets;
    private final int[] ids;
    private int size;
    private int steps;
    private long predictions;

    /** A buffer for batches of up to {@code capacity} sentences of {@code data}. */
    public SentenceBatch(SentenceData data, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("SentenceBatch: capacity must be at least 1, got " + capacity);
        this.data = data;
        int maxSteps = data.maxLength() + 1;
        this.sources = new int[maxSteps][capacity];
        this.targets = new int[maxSteps][capacity];
        this.ids = new int[capacity];
    }

    /** Fills every column with a uniformly random sentence, drawn independently (with replacement). */
    public void fillRandom(RandomGenerator random) {
        for (int j = 0; j < ids.length; j++) ids[j] = data.pick(random);
        pack(ids.length);
    }

    /** Fills the first {@code count} columns with sentences {@code ids[from] … ids[from + count - 1]}. */
    public void fill(int[] sentenceIds, int from, int count) {
        if (count < 1 || count > ids.length || from < 0 || from + count > sentenceIds.length) {
            throw new IllegalArgumentException("SentenceBatch.fill: " + count + " sentences from " + from + " of "
                    + sentenceIds.length + " ids, capacity " + ids.length);
        }
        for (int j = 0; j < count; j++) {
            int id = sentenceIds[from + j];
            if (id < 0 || id >= data.count()) {
                throw new IllegalArgumentException("SentenceBatch.fill: sentence " + id + " of " + data.count());
            }
            ids[j] = id;
        }
        pack(count);
    }

    private void pack(int count) {
        size = count;
        int longest = 0;
        predictions = 0;
        for (int j = 0; j < count; j++) {
            int n = data.length(ids[j]);
            longest = Math.max(longest, n);
            predictions += n + 1;
        }
        Arrays.fill(ids, count, ids.length, -1);
        steps = longest + 1;
        for (int t = 0; t < steps; t++) {
            int[] src = sources[t];
            int[] tgt = targets[t];
            for (int j = 0; j < count; j++) {
                int n = data.length(ids[j]);
                src[j] = t == 0 || t > n ? Vocabulary.START : data.at(ids[j], t - 1);
                tgt[j] = t < n ? data.at(ids[j], t) : t == n ? Vocabulary.END : MASKED;
            }
            Arrays.fill(src, count, src.length, Vocabulary.START);
            Arrays.fill(tgt, count, tgt.length, MASKED);
        }
    }

    /** The number of columns; every fill produces rows of this width. */
    public int capacity() {
        return ids.length;
    }

    /** The number of sentences in the last fill (columns past it are fully masked). */
    public int size() {
        return size;
    }

    /** The number of steps T of the last fill: the longest sentence's length + 1. */
    public int steps() {
        return steps;
    }

    /** The input rows: {@code sources()[t][j]}, valid for {@code t < steps()}. Shared, reused by the next fill. */
    public int[][] sources() {
        return sources;
    }

    /** The target rows: {@code targets()[t][j]}, {@link #MASKED} where there is no prediction. Shared. */
    public int[][] targets() {
        return targets;
    }

    /** The sentence number in column {@code j}, or -1 for an unused column. */
    public int sentence(int j) {
        return ids[j];
    }

    /** The number of unmasked targets in the last fill: the sum of (n<sub>j</sub> + 1). */
    public long predictions() {
        return predictions;
    }
}
