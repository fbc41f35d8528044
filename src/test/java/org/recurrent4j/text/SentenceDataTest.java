package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceDataTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void linesAreTrimmedAndBlankLinesDropped() throws IOException {
        Path f = write("s.txt", "  hi there \n\n\t\nbye\r\n   \n😀 ok\n");
        SentenceData data = SentenceData.read(f);
        assertEquals(3, data.count());
        assertEquals("hi there", data.text(0));
        assertEquals("bye", data.text(1));
        assertEquals("😀 ok", data.text(2));
        assertEquals(4, data.length(2));
        assertEquals(8, data.maxLength());
        assertEquals(9 + 4 + 5, data.predictions());
        // vocabulary from the sentences only: no newline, no tab
        assertEquals(List.of(" ", "b", "e", "h", "i", "k", "o", "r", "t", "y", "😀"), data.vocabulary().characters());
        assertArrayEquals(data.vocabulary().encode("bye"), data.sentence(1));
        assertEquals(f.toString(), data.source());
    }

    @Test
    void thresholdDropsSentencesWithRareCharacters() {
        SentenceData data = SentenceData.fromText("aab\nab\nz\nba", 2, "mem");
        assertEquals(3, data.count());
        assertEquals(1, data.droppedSentences());
        assertEquals("ba", data.text(2));
        assertEquals(3, data.vocabulary().size());
    }

    @Test
    void existingVocabularyNamesUnknownCharacterWithLineAndColumn() throws IOException {
        Vocabulary v = Vocabulary.fromText("abc ");
        Path f = write("eval.txt", "abc\n\n   ab éc\n");
        var e = assertThrows(IllegalArgumentException.class, () -> SentenceData.read(f, v));
        String m = e.getMessage();
        assertTrue(m.contains("'é' (U+00E9) at line 3, column 7 of " + f), m);
        SentenceData ok = SentenceData.fromText("cab\n ba", v, "mem");
        assertEquals(v, ok.vocabulary());
        assertArrayEquals(new int[] {4, 2, 3}, ok.sentence(0));
    }

    @Test
    void blankOnlyFileIsRefused() throws IOException {
        Path f = write("blank.txt", "\n   \n\t\n");
        var e = assertThrows(IllegalArgumentException.class, () -> SentenceData.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("no sentences"), e.getMessage());
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.txt");
        var e = assertThrows(IOException.class, () -> SentenceData.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        e = assertThrows(IOException.class, () -> SentenceData.read(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        e = assertThrows(IOException.class, () -> SentenceData.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path bin = Files.write(dir.resolve("b.bin"), new byte[] {1, 2, 0, 3});
        e = assertThrows(IOException.class, () -> SentenceData.read(bin));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'a', (byte) 0xC3, '\n'});
        e = assertThrows(IOException.class, () -> SentenceData.read(bad));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void pickIsUniformAndSeeded() {
        SentenceData data = SentenceData.fromText("a\nb\nc\nd", 1, "mem");
        int[] counts = new int[4];
        SplittableRandom r1 = new SplittableRandom(7);
        SplittableRandom r2 = new SplittableRandom(7);
        for (int i = 0; i < 4000; i++) {
            int k = data.pick(r1);
            assertEquals(k, data.pick(r2));
            counts[k]++;
        }
        for (int c : counts) assertTrue(c > 850 && c < 1150, "counts " + java.util.Arrays.toString(counts));
    }
}
