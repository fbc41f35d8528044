package org.recurrent4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;

/**
 * Replaces a file so that a crash, a full disk or a failed write at any moment leaves either the old file or the
 * new one, never a mix: the bytes go to a temporary file in the target's directory, which is forced to disk
 * (fsync), renamed over the target in one atomic step, and the directory is forced too so the rename survives a
 * power loss. On any failure the temporary file is removed and the target is untouched.
 */
final class AtomicFile {
    private AtomicFile() {}

    /** Writes {@code bytes} to {@code file} atomically, replacing it if it exists. */
    static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, UnaryOperator.identity());
    }

    /**
     * As {@link #write(Path, byte[])}, with the bytes written through {@code wrap} applied to the temporary file's
     * channel: tests inject a channel that fails as a full disk does.
     */
    static void write(Path file, byte[] bytes, UnaryOperator<WritableByteChannel> wrap) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                WritableByteChannel out = wrap.apply(ch);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    /** Forces a directory's entries to disk where the platform allows it (Linux does; others may not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename is done; a platform that cannot sync a directory keeps it in its own time
        }
    }
}
