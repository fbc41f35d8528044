package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileTest {
    @TempDir
    Path dir;

    private String failure(Path file) {
        IOException e = assertThrows(IOException.class, () -> TextFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsUtf8AndDropsByteOrderMark() throws IOException {
        Path f = dir.resolve("ok.txt");
        Files.write(f, ("\uFEFFnaïve 😀\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("naïve 😀\n", TextFile.read(f));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.txt");
        assertThrows(NoSuchFileException.class, () -> TextFile.read(f));
        assertTrue(failure(f).contains("no such file"));
    }

    @Test
    void directory() {
        assertTrue(failure(dir).contains("is a directory"));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.txt"));
        assertTrue(failure(f).contains("is empty"));
        Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertTrue(failure(f).contains("is empty"));
    }

    @Test
    void invalidUtf8NamesLineAndOffset() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, "caf\u00e9\nna\u00efve".getBytes(StandardCharsets.ISO_8859_1));
        String m = failure(f);
        assertTrue(m.contains("not valid UTF-8 (line 1, byte offset 3)"), m);
    }

    @Test
    void nulByteMeansBinary() throws IOException {
        Path f = dir.resolve("data.bin");
        Files.write(f, new byte[] {'a', 'b', 0, 'c'});
        String m = failure(f);
        assertTrue(m.contains("binary") && m.contains("offset 2"), m);
    }

    @Test
    void manyControlCharactersMeanBinary() throws IOException {
        Path f = dir.resolve("controls.bin");
        byte[] bytes = new byte[200];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i % 10 == 0 ? 0x01 : 'x');
        Files.write(f, bytes);
        assertTrue(failure(f).contains("binary"));
    }

    @Test
    void utf16IsNamed() throws IOException {
        Path f = dir.resolve("utf16.txt");
        Files.write(f, "hello".getBytes(StandardCharsets.UTF_16));
        assertTrue(failure(f).contains("UTF-16"));
    }
}
