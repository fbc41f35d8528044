package org.recurrent4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A small tmpfs mounted for a test, so that a write runs out of space for real; skipped where mounting is denied. */
public final class TmpFs {
    private TmpFs() {}

    public static void mountOrSkip(Path dir, String size) throws IOException, InterruptedException {
        int code;
        String output;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            boolean done = p.waitFor(20, TimeUnit.SECONDS);
            output = new String(p.getInputStream().readAllBytes()).strip();
            code = done ? p.exitValue() : -1;
        } catch (IOException e) {
            code = -1;
            output = e.getMessage();
        }
        Assumptions.assumeTrue(code == 0, "skipped: cannot mount a tmpfs here (" + output + ")");
    }

    /** Writes {@code file} until the file system has at most {@code free} bytes left. */
    public static void fillUpTo(Path file, long free) throws IOException {
        byte[] block = new byte[512];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (Files.getFileStore(file).getUsableSpace() > free) out.write(block);
        } catch (IOException e) {
            // full already
        }
    }

    public static void unmount(Path dir) throws IOException, InterruptedException {
        new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
    }
}
