package org.recurrent4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.recurrent4j.io.StrictJson;
import org.recurrent4j.train.Metrics;

/**
 * {@code --metrics FILE}: one JSON object per report, one per line, flushed as it is written. A resumed run first
 * writes the reports its checkpoint holds, so the file reads as if the run had never stopped. A write that fails
 * (a full disk) is reported once on stderr and the log stops; the training, and its saves, go on.
 */
final class MetricsLog implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;
    private final PrintWriter err;
    private IOException failure;

    /** Creates or replaces {@code file} and writes the {@code earlier} reports to it; warnings go to {@code err}. */
    MetricsLog(Path file, List<Metrics> earlier, PrintWriter err) throws IOException {
        this.file = file;
        this.err = err;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        for (Metrics m : earlier) write(m);
    }

    void write(Metrics m) {
        if (failure != null) return;
        try {
            out.write(StrictJson.line(m));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        failure = e;
        err.println("train: warning: cannot write the metrics to " + file + " (" + e.getMessage()
                + "); training goes on without them");
        err.flush();
    }

    /** Whether a write failed, so that some reports are missing from the file. */
    boolean lost() {
        return failure != null;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) fail(e);
        }
    }
}
