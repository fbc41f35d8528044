package org.recurrent4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent4j.bench.report.ReportFixtures.environment;
import static org.recurrent4j.bench.report.ReportFixtures.flops;
import static org.recurrent4j.bench.report.ReportFixtures.jmh;
import static org.recurrent4j.bench.report.ReportFixtures.time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    private static final String GEMM = "org.recurrent4j.bench.kernel.GemmSquareBenchmark.gemm";
    private static final String GEMV = "org.recurrent4j.bench.kernel.GemvBenchmark.gemv";
    private static final String TRAIN = "org.recurrent4j.bench.training.TrainingBenchmark.step";

    @TempDir
    Path dir;

    private String compare(Path a, Path b) throws IOException {
        var bytes = new ByteArrayOutputStream();
        Comparison.print(a, b, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verdictsGeometricMeansAndUnsharedResults() throws IOException {
        Path a = jmh(dir.resolve("a"), List.of(
                flops(GEMM, "\"size\":\"64\"", "vector", 1.0e10, "\"NaN\""),
                flops(GEMM, "\"size\":\"512\"", "vector", 1.0e10, "\"NaN\""),
                flops(GEMV, "\"rows\":\"128\"", "vector", 1.0e10, "\"NaN\""),
                flops(GEMV, "\"rows\":\"256\"", "vector", 1.0e10, "4.0e9"),
                time(TRAIN, "\"config\":\"seed-demo\"", 10, "\"NaN\""),
                flops(GEMM, "\"size\":\"1024\"", "vector", 1.0e10, "\"NaN\"")));
        environment(dir.resolve("a"), "AMD Ryzen 5 5600X", "abc", "");
        Path b = jmh(dir.resolve("b"), List.of(
                flops(GEMM, "\"size\":\"64\"", "vector", 1.04e10, "\"NaN\""),
                flops(GEMM, "\"size\":\"512\"", "vector", 2.0e10, "\"NaN\""),
                flops(GEMV, "\"rows\":\"128\"", "vector", 0.5e10, "\"NaN\""),
                flops(GEMV, "\"rows\":\"256\"", "vector", 1.3e10, "\"NaN\""),
                time(TRAIN, "\"config\":\"seed-demo\"", 5, "\"NaN\"")));
        String out = compare(a, b);
        List<String> lines = out.lines().toList();
        assertTrue(out.contains("- A: `" + a + "` — a: AMD Ryzen 5 5600X, vector, 256-bit, JDK 25.0.1"
                + ", OpenBLAS HASWELL, 2025-01-02T03:04:05Z"), out);
        assertTrue(out.contains("- B: `" + b + "` — no environment.json beside it"), out);
        // 4% faster: within the 5% noise
        assertTrue(lines.contains("| GemmSquare.gemm | size=64 | vector | 10.00 | 10.40 | GFLOPS | 1.04× | same |"), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("| GemmSquare.gemm | size=512 |")
                && l.endsWith("| 2.00× | **faster** |")), out);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("| Gemv.gemv | rows=128 |")
                && l.endsWith("| 0.50× | **slower** |")), out);
        // 30% faster, but within the error bars (0.4 of A's value)
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("| Gemv.gemv | rows=256 |")
                && l.endsWith("| 1.30× | same |")), out);
        // half the time per operation is twice as fast
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("| Training.step | config=seed-demo |  |")
                && l.contains("| ms/op |") && l.endsWith("| 2.00× | **faster** |")), out);
        double kernelMean = Math.exp((Math.log(1.04) + Math.log(2) + Math.log(0.5) + Math.log(1.3)) / 4);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT,
                "- kernel: geometric mean of B ÷ A over 4 results: %.2f×", kernelMean)), out);
        assertTrue(out.contains("- training: geometric mean of B ÷ A over 1 results: 2.00×"), out);
        assertTrue(out.contains("- not compared: 1 results only in A, 0 only in B"), out);
    }

    @Test
    void rowsSortByBenchmarkThenCaseInNumericOrder() throws IOException {
        Path a = jmh(dir.resolve("a"), List.of(flops(GEMM, "\"size\":\"512\"", "vector", 1e10, "\"NaN\""),
                flops(GEMM, "\"size\":\"64\"", "vector", 1e10, "\"NaN\"")));
        String out = compare(a, a);
        assertTrue(out.indexOf("| size=64 |") < out.indexOf("| size=512 |"), out);
        assertTrue(!out.contains("not compared"), out);
    }

    @Test
    void filesSharingNothingSaySo() throws IOException {
        Path a = jmh(dir.resolve("a"), List.of(flops(GEMM, "\"size\":\"64\"", "vector", 1e10, "\"NaN\"")));
        Path b = jmh(dir.resolve("b"), List.of(flops(GEMM, "\"size\":\"64\"", "scalar", 1e10, "\"NaN\"")));
        String out = compare(a, b);
        assertTrue(out.contains("The two files share no result."), out);
        assertTrue(out.contains("- not compared: 1 results only in A, 1 only in B"), out);
        assertEquals(-1, out.indexOf("geometric mean"));
    }
}
