package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether standard error is a terminal, and how wide: Java says neither, so Linux's /proc and stty are asked. */
final class Terminal {
    private Terminal() {}

    /** The width of the terminal that standard error writes to, or 0 when it is not a terminal. */
    static int stderrWidth() {
        Path device;
        try {
            device = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return 0; // no /proc: the plain lines are the safe choice
        }
        String name = device.toString();
        if (!name.startsWith("/dev/pts/") && !name.startsWith("/dev/tty")) return 0;
        int width = sttyColumns(device);
        return width > 0 ? width : columns(System.getenv("COLUMNS"));
    }

    /** The columns {@code stty size} reports for {@code device}, or 0. */
    private static int sttyColumns(Path device) {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(device.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return 0;
            return columns(out.substring(out.indexOf(' ') + 1));
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A positive column count from text, 80 when the text is not one. */
    static int columns(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            return n > 0 ? n : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
