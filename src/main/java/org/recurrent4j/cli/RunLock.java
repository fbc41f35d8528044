package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run's output file for the run's lifetime: a lock file beside it
 * ({@code .model.r4j.lock}) locked with {@link FileChannel#tryLock()} and holding the process id while the run
 * lasts. The operating system releases the lock when the process ends, however it ends, so a lock file left by a
 * killed run blocks nothing. The file itself stays (emptied): removing it would let a run that opened it just
 * before lock a file no longer at the path, beside a third run that creates a new one.
 */
final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code output}. */
    static Path lockFile(Path output) {
        Path target = output.toAbsolutePath().normalize();
        return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code output}, given by {@code flag}.
     *
     * @throws IllegalStateException naming the process that holds it
     */
    static RunLock acquire(Path output, String flag) throws IOException {
        return acquire(output, flag, flag);
    }

    /** As {@link #acquire(Path, String)}, the refusal asking for another {@code alternative} (the option that names it). */
    static RunLock acquire(Path output, String flag, String alternative) throws IOException {
        Path file = lockFile(output);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        String holder;
        try {
            lock = ch.tryLock();
            // read through this channel only: closing any other descriptor of the file would drop a lock it holds
            holder = lock == null ? holder(ch) : null;
        } catch (OverlappingFileLockException e) {
            lock = null;
            holder = Long.toString(ProcessHandle.current().pid()); // this JVM holds it
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException(flag + " " + output + ": another recurrent4j run (process " + holder
                    + ") is writing it; wait for it to end, or give another " + alternative);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new RunLock(ch, lock);
    }

    /** The process id a lock file holds, or "unknown". */
    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("\\d+") ? text : "unknown";
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
        } finally {
            try {
                if (lock.isValid()) lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
