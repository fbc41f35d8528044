package org.recurrent4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent4j.bench.report.ReportFixtures.environment;
import static org.recurrent4j.bench.report.ReportFixtures.flops;
import static org.recurrent4j.bench.report.ReportFixtures.jmh;
import static org.recurrent4j.bench.report.ReportFixtures.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {
    private static final String GEMM = "org.recurrent4j.bench.kernel.GemmSquareBenchmark.gemm";
    private static final String TRAIN = "org.recurrent4j.bench.training.TrainingBenchmark.step";

    @TempDir
    Path root;

    private String render() throws IOException {
        Path a = root.resolve("zen3-avx2-256bit");
        jmh(a, List.of(
                flops(GEMM, "\"size\":\"512\"", "vector", 4.0e10, "2.0e9"),
                flops(GEMM, "\"size\":\"512\"", "scalar", 1.0e10, "\"NaN\""),
                flops(GEMM, "\"size\":\"64\"", "vector", 2.0e10, "1.0e9"),
                flops(GEMM, "\"size\":\"64\"", "scalar", 1.0e10, "\"NaN\""),
                time(TRAIN, "\"config\":\"char-rnn\"", 123.456, "1.5")));
        environment(a, "AMD Ryzen 5 5600X", "0123456789abcdef0123456789abcdef01234567-dirty", "");
        Path b = root.resolve("zen5-avx512-512bit");
        jmh(b, List.of(flops(GEMM, "\"size\":\"64\"", "vector", 8.0e10, "\"NaN\"")));
        environment(b, "AMD EPYC 9005", "fedcba9876543210fedcba9876543210fedcba98", "-XX:MaxVectorSize=32");
        Files.createDirectories(root.resolve("charts"));
        Files.writeString(root.resolve("charts/kernel-Gone-gemm.svg"), "<svg/>");
        List<ProfileRun> runs = ProfileRun.readAll(root);
        assertEquals(List.of("zen3-avx2-256bit", "zen5-avx512-512bit"), runs.stream().map(ProfileRun::name).toList());
        MarkdownReport.write(root, runs);
        return Files.readString(root.resolve("README.md"));
    }

    @Test
    void profilesTableAbbreviatesTheCommitAndNamesTheExtraFlags() throws IOException {
        String md = render();
        assertTrue(md.contains("| zen3-avx2-256bit | AMD Ryzen 5 5600X (zen3, avx2) | 2 | vector, 256-bit | 25.0.1 | none "
                + "| absent | quick | 2025-01-02T03:04:05Z | 0123456789ab-dirty |"), md);
        assertTrue(md.contains("| `-XX:MaxVectorSize=32` |"), md);
        assertTrue(md.contains("| fedcba987654 |"), md);
        assertTrue(md.contains("| zen3-avx2-256bit | mc=64 kc=256 |"), md);
    }

    @Test
    void benchmarkTableHasCasesInNumericOrderWithErrorsAndSpeedUps() throws IOException {
        String md = render();
        assertTrue(md.contains("### GemmSquare.gemm\n\nGFLOPS, higher is better (`" + GEMM + "`)."), md);
        assertTrue(md.contains("![GemmSquare.gemm](charts/kernel-GemmSquare-gemm.svg)"), md);
        assertTrue(md.contains("| case | profile | vector | scalar | vector ÷ scalar |"), md);
        String small = "| size=64 | zen3-avx2-256bit | 20.0 ± 1.00 | 10.0 | 2.00× |";
        String other = "| size=64 | zen5-avx512-512bit | 80.0 | — | — |";
        String large = "| size=512 | zen3-avx2-256bit | 40.0 ± 2.00 | 10.0 | 4.00× |";
        for (String row : List.of(small, other, large)) assertTrue(md.contains(row), row + " in\n" + md);
        assertTrue(md.indexOf(small) < md.indexOf(other) && md.indexOf(other) < md.indexOf(large), "64 before 512");
    }

    @Test
    void timedBenchmarkWithoutImplementationsShowsItsUnitAndLayersComeInOrder() throws IOException {
        String md = render();
        assertTrue(md.contains("ms/op, lower is better"), md);
        assertTrue(md.contains("| case | profile | ms/op |"), md);
        assertTrue(md.contains("| config=char-rnn | zen3-avx2-256bit | 123 ± 1.50 |"), md);
        assertTrue(md.indexOf("## Kernels") < md.indexOf("## Training"), md);
        assertFalse(md.contains("## Training against PyTorch"), "no peers.json, no peer section");
    }

    @Test
    void chartsAreWrittenAndStaleOnesRemoved() throws IOException {
        render();
        assertTrue(Files.readString(root.resolve("charts/kernel-GemmSquare-gemm.svg")).contains("<svg"));
        assertTrue(Files.exists(root.resolve("charts/training-Training-step.svg")));
        assertFalse(Files.exists(root.resolve("charts/kernel-Gone-gemm.svg")));
    }

    @Test
    void implementationsRankTheEngineFirstThenBaselinesThenOthersThenNone() {
        List<String> impls = new java.util.ArrayList<>(java.util.Arrays.asList("openblas", null, "zeta", "scalar",
                "alpha", "ejml", "vector"));
        impls.sort(MarkdownReport::compareImpls);
        assertEquals(java.util.Arrays.asList("vector", "scalar", "ejml", "openblas", "alpha", "zeta", null), impls);
    }
}
