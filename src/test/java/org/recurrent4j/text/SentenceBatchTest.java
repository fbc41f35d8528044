package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SentenceBatchTest {
    private static final int M = SentenceBatch.MASKED;
    private final SentenceData data = SentenceData.fromText("abc\nb\ncab a\nca", 1, "mem");
    private final Vocabulary v = data.vocabulary(); // ' '=1 a=2 b=3 c=4

    @Test
    void packsSentencesOfDifferentLengthsWithMasks() {
        SentenceBatch batch = new SentenceBatch(data, 3);
        batch.fill(new int[] {0, 1, 3}, 0, 3); // "abc", "b", "ca"
        assertEquals(3, batch.size());
        assertEquals(4, batch.steps());
        assertEquals(4 + 2 + 3, batch.predictions());
        int[][] sources = {{0, 0, 0}, {2, 3, 4}, {3, 0, 2}, {4, 0, 0}};
        int[][] targets = {{2, 3, 4}, {3, 0, 2}, {4, M, 0}, {0, M, M}};
        for (int t = 0; t < 4; t++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(sources[t][j], batch.sources()[t][j], "source t=" + t + " j=" + j);
                assertEquals(targets[t][j], batch.targets()[t][j], "target t=" + t + " j=" + j);
            }
        }
        assertEquals(1, batch.sentence(1));
    }

    @Test
    void everySentenceIsItsSingleSentenceSequenceWithinTheBatch() {
        SentenceBatch batch = new SentenceBatch(data, 5);
        batch.fillRandom(new SplittableRandom(3));
        long unmasked = 0;
        for (int j = 0; j < batch.capacity(); j++) {
            int[] s = data.sentence(batch.sentence(j));
            for (int t = 0; t < batch.steps(); t++) {
                int src = batch.sources()[t][j];
                int tgt = batch.targets()[t][j];
                if (t <= s.length) {
                    assertEquals(t == 0 ? Vocabulary.START : s[t - 1], src);
                    assertEquals(t < s.length ? s[t] : Vocabulary.END, tgt);
                    unmasked++;
                } else {
                    assertEquals(M, tgt);
                }
            }
        }
        assertEquals(unmasked, batch.predictions());
    }

    @Test
    void refillReusesArraysAndClearsStaleColumns() {
        SentenceBatch batch = new SentenceBatch(data, 3);
        int[][] sources = batch.sources();
        int[][] targets = batch.targets();
        batch.fill(new int[] {2, 2, 2}, 0, 3); // "cab a" three times
        batch.fill(new int[] {9, 1, 9}, 1, 1); // only "b", in column 0
        assertSame(sources, batch.sources());
        assertSame(targets, batch.targets());
        assertEquals(1, batch.size());
        assertEquals(2, batch.steps());
        assertEquals(-1, batch.sentence(1));
        assertEquals(v.indexOf('b'), batch.targets()[0][0]);
        assertEquals(Vocabulary.END, batch.targets()[1][0]);
        for (int t = 0; t < 2; t++) {
            for (int j = 1; j < 3; j++) {
                assertEquals(M, batch.targets()[t][j]);
                assertEquals(Vocabulary.START, batch.sources()[t][j]);
            }
        }
    }

    @Test
    void badFillsAreRefused() {
        SentenceBatch batch = new SentenceBatch(data, 2);
        assertThrows(IllegalArgumentException.class, () -> batch.fill(new int[] {0, 1, 2}, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> batch.fill(new int[] {0, 4}, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> batch.fill(new int[] {0}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SentenceBatch(data, 0));
    }
}
