package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.train.Metrics;

/**
 * The progress fits the terminal it is drawn on, keeps its width when the figures arrive, shows the time elapsed
 * and left (for --minutes too), and is plain lines without redraws when stderr is not a terminal.
 */
class ProgressTest {
    private static final Metrics SENTENCE_REPORT = new Metrics(200, 2.3456, 10.44, 9.87, null, null, 0.01, 252_873, 1.5);
    private static final Metrics CORPUS_REPORT = new Metrics(200, 1.9, 6.7, null, 2.01, 0.4, 0.01, 1_234_567, 9.5);

    @TempDir
    Path dir;

    @Test
    void aBarLineFitsItsTerminalAndKeepsItsWidth() {
        for (int width = 30; width <= 200; width++) {
            for (boolean corpus : new boolean[] {false, true}) {
                Metrics report = corpus ? CORPUS_REPORT : SENTENCE_REPORT;
                for (long max : new long[] {3000, 0}) {
                    Duration deadline = max == 0 ? Duration.ofMinutes(9) : null;
                    String before = ProgressLine.bar(0, 0, max, Duration.ZERO, deadline, null, corpus, width);
                    String after = ProgressLine.bar(0, 200, max, Duration.ofSeconds(2), deadline, report, corpus, width);
                    assertTrue(after.length() < width, width + ": " + after);
                    assertEquals(before.length(), after.length(), "no jump at width " + width + ":\n" + before + "\n" + after);
                }
            }
        }
        String wide = ProgressLine.bar(0, 200, 3000, Duration.ofSeconds(2), null, SENTENCE_REPORT, false, 120);
        assertTrue(wide.contains("[") && wide.contains("200/3000   6%") && wide.contains("loss  2.346 ppl   9.87")
                && wide.contains("252,873 ch/s"), wide);
        assertTrue(ProgressLine.bar(0, 200, 3000, Duration.ofSeconds(2), null, SENTENCE_REPORT, false, 80)
                .contains("loss  2.346"), "80 columns show the bar and the loss");
    }

    @Test
    void aRunBoundedByTimeShowsElapsedAndLeft() {
        String line = ProgressLine.bar(0, 4000, 0, Duration.ofMinutes(1), Duration.ofMinutes(9), SENTENCE_REPORT, false, 100);
        assertTrue(line.contains("step 4000") && line.contains("0:01:00, 0:09:00 left"), line);
        assertFalse(line.contains("?"), line);
        assertTrue(line.startsWith("train [=="), "a tenth of the time: " + line);
        assertEquals("train: step 4000, 0:01:00 elapsed, 0:09:00 left; loss 2.346 ppl 9.87, 252,873 ch/s",
                ProgressLine.plain(0, 4000, 0, Duration.ofMinutes(1), Duration.ofMinutes(9), SENTENCE_REPORT, false));
    }

    @Test
    void withoutATerminalTheProgressIsPlainLines() {
        StringWriter err = new StringWriter();
        try (ProgressDisplay d = new ProgressDisplay(new PrintWriter(err, true), false, 0, 3, 0, false, 0, Duration.ZERO)) {
            for (long step = 1; step <= 3; step++) {
                d.step(step);
                if (step == 2) d.report(SENTENCE_REPORT);
            }
        }
        assertFalse(err.toString().contains("\r"), "no redraws: " + err);
        List<String> lines = err.toString().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("train: step 1/3 33%, 0:00:00 elapsed, "), lines.get(0));
        assertTrue(lines.get(2).startsWith("train: step 3/3 100%") && lines.get(2).endsWith("loss 2.346 ppl 9.87, 252,873 ch/s"),
                lines.get(2));

        Cli.Run r = Cli.run("train", "--sentences", write("s.txt"), "--steps", "5", "--hidden", "4", "--sample-every", "0",
                "--out", dir.resolve("m.r4j").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("\r"), r.err());
        assertTrue(r.err().contains("train: step 5/5 100%"), "the last plain line: " + r.err());
    }

    private String write(String name) {
        try {
            return Files.writeString(dir.resolve(name), TrainCommandTest.SENTENCES).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onARealTerminalTheBarTakesItsWidth() throws Exception {
        // a pseudo-terminal of 70 columns made by script(1); its output is the typescript file
        String command = "stty cols 70 rows 20; " + Jvm.command("train", "--sentences", write("s.txt"), "--steps", "4000",
                "--hidden", "4", "--sample-every", "0", "--out", dir.resolve("m.r4j").toString()).stream()
                .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Process p;
        try {
            p = new ProcessBuilder("script", "-qfc", command, dir.resolve("typescript").toString())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("skipped: script(1) is not installed");
            return;
        }
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        Assumptions.assumeTrue(p.exitValue() == 0 && Files.exists(dir.resolve("typescript")), "skipped: script(1) failed");
        List<String> bars = Files.readString(dir.resolve("typescript")).lines()
                .flatMap(l -> java.util.Arrays.stream(l.split("\r"))).filter(l -> l.startsWith("train [")).toList();
        assertFalse(bars.isEmpty(), "a bar was drawn");
        for (String bar : bars) assertTrue(bar.length() < 70, bar.length() + ": " + bar);
    }
}
