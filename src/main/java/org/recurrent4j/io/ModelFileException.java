package org.recurrent4j.io;

import java.io.IOException;

/**
 * A model file that cannot be used: not a model file, from a newer format, truncated, corrupt or inconsistent; or
 * a RecurrentJS JSON model that cannot be read. The message names the file and what is wrong, on one line: a
 * control character that came from the file's own text is shown escaped.
 */
public final class ModelFileException extends IOException {
    ModelFileException(String message) {
        super(escapeControls(message));
    }

    private static String escapeControls(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (c == '\n') sb.append("\\n");
            else if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 || c == 0x85) sb.append(String.format("\\u%04x", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
