package org.recurrent4j.cli;

import com.google.gson.Gson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.recurrent4j.text.Metrics;

/** {@code --metrics FILE}: one JSON object per report, one per line, flushed as it is written. */
final class MetricsLog implements AutoCloseable {
    private static final Gson GSON = new Gson();
    private final Path file;
    private final BufferedWriter out;

    MetricsLog(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void write(Metrics m) {
        try {
            out.write(GSON.toJson(m));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the metrics: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
