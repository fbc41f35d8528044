package org.recurrent4j.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a whole file as UTF-8 text, refusing what is not text with a message that names the file. */
final class TextFile {
    /** Files over this many bytes are refused: the text must fit in one Java string. */
    static final long MAX_BYTES = 1L << 30;
    /** More control characters than this share (tab, newlines and form feed excepted) means binary. */
    static final double MAX_CONTROL_SHARE = 0.01;

    private TextFile() {}

    /**
     * The file's text, without a leading byte order mark.
     *
     * @throws IOException if the file is missing, a directory, unreadable, too large, empty, not valid UTF-8
     *     or binary; the message names the file and says what to do
     */
    static String read(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file; check the path");
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory; give a UTF-8 text file");
        if (!Files.isRegularFile(file)) throw new IOException(file + ": is not a regular file; give a UTF-8 text file");
        if (!Files.isReadable(file)) throw new IOException(file + ": cannot be read; check its permissions");
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + ": is " + CodePointNames.count(size) + " bytes, more than the limit of "
                    + CodePointNames.count(MAX_BYTES) + "; use a smaller file");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) throw new IOException(file + ": is empty; give a UTF-8 text file with some text in it");
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new IOException(file + ": is UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IOException(file + ": looks like a binary file (a NUL byte at byte offset " + i
                        + "); give a UTF-8 text file");
            }
        }
        String text = decode(file, bytes);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        long controls = text.chars().filter(TextFile::isStrayControl).count();
        if (controls > MAX_CONTROL_SHARE * text.length()) {
            throw new IOException(file + ": looks like a binary file (" + CodePointNames.count(controls)
                    + " control characters in " + CodePointNames.count(text.length()) + "); give a UTF-8 text file");
        }
        if (text.isEmpty()) throw new IOException(file + ": is empty; give a UTF-8 text file with some text in it");
        return text;
    }

    private static String decode(Path file, byte[] bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            long line = 1;
            for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
            throw new IOException(file + ": is not valid UTF-8 (line " + line + ", byte offset " + offset
                    + "); save it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)");
        }
        return out.flip().toString();
    }

    private static boolean isStrayControl(int c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    }
}
