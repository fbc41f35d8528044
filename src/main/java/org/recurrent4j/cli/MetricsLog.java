package org.recurrent4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.recurrent4j.train.Metrics;

/**
 * {@code --metrics FILE}: one JSON object per report, one per line, flushed as it is written. A resumed run first
 * writes the reports its checkpoint holds, so the file reads as if the run had never stopped.
 */
final class MetricsLog implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private final Path file;
    private final BufferedWriter out;

    /** Creates or replaces {@code file} and writes the {@code earlier} reports to it. */
    MetricsLog(Path file, List<Metrics> earlier) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        for (Metrics m : earlier) write(m);
    }

    /** Whether {@code file} is empty or its first line is a metrics record, so that replacing it loses no other text. */
    static boolean holdsMetrics(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) return true;
            JsonElement e = JsonParser.parseString(first);
            return e.isJsonObject() && e.getAsJsonObject().has("step");
        } catch (IOException | RuntimeException e) {
            return false; // unreadable, not UTF-8, not JSON: not ours
        }
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
