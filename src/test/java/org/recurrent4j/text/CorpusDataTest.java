package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusDataTest {
    @TempDir
    Path dir;

    @Test
    void splitsNinetyFivePercentOfCodePointsForTraining() {
        String text = "😀abcdefghij".repeat(20); // 220 code points, 240 chars
        CorpusData c = CorpusData.fromText(text, "mem");
        assertEquals(209, c.trainingLength());
        assertEquals(11, c.validationLength());
        assertEquals(12, c.vocabulary().size());
        int[] training = c.training();
        int[] validation = c.validation();
        String back = c.vocabulary().decode(training) + c.vocabulary().decode(validation);
        assertEquals(text, back);
    }

    @Test
    void vocabularyComesFromTheWholeText() {
        CorpusData c = CorpusData.fromText("a".repeat(99) + "z", "mem");
        assertEquals(3, c.vocabulary().size());
        assertEquals(c.vocabulary().indexOf('z'), c.validation()[c.validationLength() - 1]);
    }

    @Test
    void newlinesAreCharacters() throws IOException {
        Path f = Files.writeString(dir.resolve("c.txt"), "ab\ncd\n");
        CorpusData c = CorpusData.read(f);
        assertTrue(c.vocabulary().contains('\n'));
        assertEquals(5, c.trainingLength());
    }

    @Test
    void givenVocabularyNamesUnknownCharacterWithLineAndColumn() throws IOException {
        Vocabulary v = Vocabulary.fromText("ab\n");
        Path f = Files.writeString(dir.resolve("c.txt"), "ab\nba\nabXa\n");
        var e = assertThrows(IllegalArgumentException.class, () -> CorpusData.read(f, v));
        assertTrue(e.getMessage().contains("'X' (U+0058) at line 3, column 3 of " + f), e.getMessage());
    }

    @Test
    void streamsNeedEnoughText() {
        CorpusData c = CorpusData.fromText("abcdefghij".repeat(100), "mem"); // 950 training, 50 validation
        assertEquals(19, c.trainingStreams(50, 18).segmentLength());
        var e = assertThrows(IllegalArgumentException.class, () -> c.trainingStreams(50, 50));
        assertTrue(e.getMessage().contains("mem (training split)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.validationStreams(5, 10));
        assertTrue(e.getMessage().contains("mem (validation split)"), e.getMessage());
        assertEquals(2, c.validationStreams(2, 10).chunksPerEpoch());
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.txt");
        var e = assertThrows(IOException.class, () -> CorpusData.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        e = assertThrows(IOException.class, () -> CorpusData.read(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        e = assertThrows(IOException.class, () -> CorpusData.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'a', (byte) 0xFF});
        e = assertThrows(IOException.class, () -> CorpusData.read(bad));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        Path bin = Files.write(dir.resolve("b.bin"), new byte[] {'a', 0});
        e = assertThrows(IOException.class, () -> CorpusData.read(bin));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }

    @Test
    void anEncodedCorpusKeepsItsSplitsAndRefusesIndicesOutsideTheVocabulary() {
        CorpusData whole = CorpusData.fromText("abcabcabcd".repeat(10), "mem");
        int[] part = java.util.Arrays.copyOfRange(whole.training(), 10, 40);
        CorpusData c = CorpusData.of(whole.vocabulary(), part, new int[0], "part");
        assertEquals(30, c.trainingLength());
        assertEquals(0, c.validationLength());
        assertEquals(whole.vocabulary(), c.vocabulary());
        org.junit.jupiter.api.Assertions.assertArrayEquals(part, c.training());
        part[0] = 99; // copied: the corpus does not change with the array
        assertEquals(whole.training()[10], c.training()[0]);
        var zero = assertThrows(IllegalArgumentException.class,
                () -> CorpusData.of(whole.vocabulary(), new int[] {1, 0}, new int[0], "p"));
        assertEquals("p (training split): index 0 at position 1 is not a character of the vocabulary (1 to 4)",
                zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorpusData.of(whole.vocabulary(), new int[] {1}, new int[] {5}, "p"));
        assertThrows(IllegalArgumentException.class, () -> CorpusData.of(whole.vocabulary(), new int[0], new int[0], "p"));
    }
}
