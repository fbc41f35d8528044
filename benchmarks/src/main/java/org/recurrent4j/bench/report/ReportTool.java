package org.recurrent4j.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report command line. {@code render [DIR]} reads every {@code DIR/<profile>/jmh.json} with its
 * {@code environment.json} (DIR defaults to {@code perf-reports}) and writes {@code DIR/README.md} with SVG
 * charts in {@code DIR/charts/}; {@code compare A.json B.json} prints a Markdown comparison of two result files.
 */
public final class ReportTool {
    private ReportTool() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        String command = args.length == 0 ? "render" : args[0];
        switch (command) {
            case "render" -> {
                Path dir = Path.of(args.length > 1 ? args[1] : "perf-reports");
                List<ProfileRun> runs = Files.isDirectory(dir) ? ProfileRun.readAll(dir) : List.of();
                if (runs.isEmpty()) fail("no <profile>/jmh.json under " + dir + ": run benchmarks/run.sh first");
                MarkdownReport.write(dir, runs);
                System.out.println("wrote " + dir.resolve("README.md") + " from " + runs.size() + " profile(s)");
            }
            case "compare" -> {
                if (args.length != 3) fail("usage: compare A.json B.json");
                for (int i = 1; i < 3; i++) if (!Files.isRegularFile(Path.of(args[i]))) fail("no such file: " + args[i]);
                Comparison.print(Path.of(args[1]), Path.of(args[2]), System.out);
            }
            default -> fail("usage: render [DIR] | compare A.json B.json");
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
