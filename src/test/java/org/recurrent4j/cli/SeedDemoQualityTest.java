package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's demo learns as fast per step as RecurrentJS: sentence mode with every default (LSTM [20, 20],
 * embedding 5, uniform ±0.08 weights, RMSProp lr 0.01, regc 1e-6, clip 5, one sentence per step) on the seed's
 * sentences, through the CLI. The median perplexity of the last 100 sentences at step 3000 must be at most 7.0
 * (RecurrentJS reports 6.5 by its inflated formula).
 *
 * <p>The run is one draw of a noisy process. Over seeds 1–10 with the engine as of this test, the value at step 3000
 * was 6.74, 9.31, 8.22, 6.17, 6.79, 7.16, 7.24, 7.07, 6.21 and 7.54 (4 of 10 at or below 7.0). The test runs the
 * CLI exactly as a user would, with the default seed (1). The vector width changes the summation order in the
 * products and so the trajectory: with 256-bit vectors the same seed gave 6.65, with 128-bit ones 6.93. A failure
 * here first calls for a look at other seeds and widths, not necessarily at the math.
 * Skipped when ../shared/data/samples.txt is absent.
 */
class SeedDemoQualityTest {
    private static final Path SAMPLES = Path.of("../shared/data/samples.txt");

    @Test
    void medianPerplexityAtStep3000IsAtMost7(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(SAMPLES), () -> "skipped: " + SAMPLES.toAbsolutePath() + " is absent");
        Path metrics = dir.resolve("metrics.jsonl");
        Cli.Run r = Cli.run("train", "--sentences", SAMPLES.toString(), "--quiet", "--sample-every", "0",
                "--save-every", "0", "--metrics", metrics.toString(), "--out", dir.resolve("demo.r4j").toString());
        assertEquals(0, r.code(), r.err());
        List<JsonObject> lines = Files.readAllLines(metrics).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(30, lines.size());
        JsonObject last = lines.getLast();
        assertEquals(3000, last.get("step").getAsInt());
        double median = last.get("medianPerplexity").getAsDouble();
        System.out.printf("seed demo: median perplexity %.3f at step 500, %.3f at 1000, %.3f at 2000, %.3f at 3000; "
                        + "%.0f chars/s in the last interval%n", median(lines, 500), median(lines, 1000),
                median(lines, 2000), median, last.get("charsPerSecond").getAsDouble());
        assertTrue(median <= 7.0, "median perplexity of the last 100 sentences at step 3000: " + median);
    }

    private static double median(List<JsonObject> lines, int step) {
        return lines.get(step / 100 - 1).get("medianPerplexity").getAsDouble();
    }
}
