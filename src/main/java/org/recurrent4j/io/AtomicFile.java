package org.recurrent4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file so that a crash, a full disk or a failed write at any moment leaves either the old file or the
 * new one, never a mix: the bytes go to a temporary file in the target's directory, which is forced to disk
 * (fsync), renamed over the target in one atomic step, and the directory is forced too so the rename survives a
 * power loss. On any failure the temporary file is removed and the target is untouched.
 *
 * <p>A link is followed: the file it points to is replaced and the link stays. A FIFO or a character device is
 * written through, never replaced; a block device or a socket is refused ({@link OutputFiles}). The temporary
 * file's name holds the writer's process id ({@code .model.r4j.<pid>-<random>.tmp}), so that one left by a writer
 * that was killed is removed at the next save of the same target.
 */
final class AtomicFile {
    /** Temporary files of the previous naming, without a process id, are stale once this old. */
    private static final Duration STALE_UNNAMED = Duration.ofHours(1);

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
        if (Files.exists(target)) {
            target = target.toRealPath();
            String refused = OutputFiles.unwritable(target);
            if (refused != null) throw new IOException(file + ": is " + refused + ", not a file a model can be written to");
            if (OutputFiles.writesThrough(target)) {
                writeThrough(target, bytes, wrap);
                return;
            }
        }
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        removeStale(dir, name);
        Path tmp = Files.createTempFile(dir, "." + name + "." + ProcessHandle.current().pid() + "-", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeAll(wrap.apply(ch), bytes);
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

    /** A FIFO or device: written in place, with nothing to rename and nothing to force. */
    private static void writeThrough(Path target, byte[] bytes, UnaryOperator<WritableByteChannel> wrap)
            throws IOException {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            writeAll(wrap.apply(ch), bytes);
        }
    }

    private static void writeAll(WritableByteChannel out, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) out.write(buffer);
    }

    /**
     * Removes the temporary files of earlier saves of {@code name} whose writer is gone: its process id no longer
     * runs, or, for names without one, the file is over an hour old. Files of other targets are left alone.
     */
    static void removeStale(Path dir, String name) {
        Pattern own = Pattern.compile(Pattern.quote("." + name + ".") + "(?:(\\d+)-)?\\d+\\.tmp");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path f : files) {
                Matcher m = own.matcher(f.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(f)) continue;
                boolean gone = m.group(1) != null
                        ? ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)
                        : Files.getLastModifiedTime(f).toInstant().isBefore(Instant.now().minus(STALE_UNNAMED));
                if (gone) Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is a courtesy: a directory that cannot be listed still takes the save
        }
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
