package org.recurrent4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a path that a command writes to is: a regular file (replaced atomically), a FIFO or character device
 * (written through, never replaced: {@code --out /dev/stdout} or a named pipe work, and {@code /dev/null} stays a
 * device), or something that cannot be written (a block device, a socket). Links are followed.
 */
public final class OutputFiles {
    private static final int TYPE = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private OutputFiles() {}

    /** Whether {@code file} exists and is a FIFO or a character device, which a save writes through. */
    public static boolean writesThrough(Path file) {
        if (!Files.exists(file) || Files.isRegularFile(file) || Files.isDirectory(file)) return false;
        int type = type(file);
        return type < 0 || type == FIFO || type == CHARACTER_DEVICE;
    }

    /**
     * Null when a save may write {@code file} (it is absent, a regular file, a FIFO or a character device), else
     * what it is, e.g. {@code a socket}.
     */
    public static String unwritable(Path file) {
        if (!Files.exists(file) || Files.isRegularFile(file) || writesThrough(file)) return null;
        if (Files.isDirectory(file)) return "a directory";
        return switch (type(file)) {
            case BLOCK_DEVICE -> "a block device";
            case SOCKET -> "a socket";
            default -> "not a regular file";
        };
    }

    /**
     * Whether {@code a} and {@code b} are one file (after following links, hard links included); false when
     * either is null or does not exist.
     */
    public static boolean same(Path a, Path b) {
        try {
            return a != null && b != null && Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The file type bits of a POSIX mode, or −1 where the file system does not give them. */
    private static int type(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:mode") & TYPE;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
