package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class CorpusStreamsTest {
    /** A split whose value at position p is p + 1, so positions can be read back from the indices. */
    private static int[] ramp(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i + 1;
        return a;
    }

    @Test
    void streamsStartAtEvenOffsetsAndTargetsAreShiftedByOne() {
        CorpusStreams s = new CorpusStreams(ramp(103), 4, 3, "ramp"); // segment 25, chunks floor(24/3) = 8
        assertEquals(8, s.chunksPerEpoch());
        assertArrayEquals(new int[] {0, 25, 50, 75}, s.positions());
        s.next();
        for (int t = 0; t < 3; t++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(j * 25 + t + 1, s.inputs()[t][j]);
                assertEquals(s.inputs()[t][j] + 1, s.targets()[t][j]);
            }
        }
        assertArrayEquals(new int[] {3, 28, 53, 78}, s.positions());
        s.next();
        assertEquals(28 + 1, s.inputs()[0][1]);
        assertEquals(28 + 3 + 1, s.targets()[2][1]);
    }

    @Test
    void chunksFollowEachOtherWithoutGapsAndWrapAtTheSegmentEnd() {
        CorpusStreams s = new CorpusStreams(ramp(103), 4, 3, "ramp");
        int[][] inputs = s.inputs();
        for (int c = 0; c < s.chunksPerEpoch(); c++) {
            assertEquals(0, s.epoch());
            s.next();
            assertSame(inputs, s.inputs());
            for (int j = 0; j < 4; j++) {
                assertEquals(j * 25 + 3 * c + 1, s.inputs()[0][j]);
                assertTrue(s.targets()[2][j] <= (j + 1) * 25, "target stays inside segment " + j);
            }
        }
        // the last chunk's targets reach position 24, the last one of segment 0; the next chunk would not fit
        assertEquals(25, s.targets()[2][0]);
        assertEquals(1, s.epoch());
        assertArrayEquals(new int[] {0, 25, 50, 75}, s.positions());
        s.next();
        assertEquals(1, s.inputs()[0][0]);
        assertEquals(76, s.inputs()[0][3]);
    }

    @Test
    void cursorRestoresTheExactPosition() {
        CorpusStreams a = new CorpusStreams(ramp(500), 5, 7, "ramp");
        for (int i = 0; i < 20; i++) a.next();
        CorpusStreams.Cursor cursor = a.cursor();
        CorpusStreams b = new CorpusStreams(ramp(500), 5, 7, "ramp");
        b.seek(cursor);
        assertEquals(a.epoch(), b.epoch());
        assertArrayEquals(a.positions(), b.positions());
        for (int i = 0; i < 30; i++) {
            a.next();
            b.next();
            for (int t = 0; t < 7; t++) assertArrayEquals(a.inputs()[t], b.inputs()[t]);
            assertEquals(a.epoch(), b.epoch());
        }
        assertThrows(IllegalArgumentException.class, () -> b.seek(new CorpusStreams.Cursor(0, 95)));
        assertThrows(IllegalArgumentException.class, () -> b.seek(new CorpusStreams.Cursor(-1, 0)));
    }

    @Test
    void textShorterThanBTimesTPlusOneIsRefused() {
        new CorpusStreams(ramp(12), 3, 3, "ramp"); // exactly B×(T+1)
        var e = assertThrows(IllegalArgumentException.class, () -> new CorpusStreams(ramp(11), 3, 3, "tiny.txt"));
        assertTrue(e.getMessage().contains("tiny.txt") && e.getMessage().contains("B×(T+1) = 3×4 = 12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CorpusStreams(ramp(12), 0, 3, "ramp"));
    }

    @Test
    void shortestTextWrapsEveryChunk() {
        CorpusStreams s = new CorpusStreams(ramp(8), 2, 3, "ramp"); // segment 4: exactly one chunk
        assertEquals(1, s.chunksPerEpoch());
        s.next();
        s.next();
        assertEquals(2, s.epoch());
        assertArrayEquals(new int[] {5, 6, 7}, new int[] {s.inputs()[0][1], s.inputs()[1][1], s.inputs()[2][1]});
        assertEquals(8, s.targets()[2][1]);
    }
}
