package org.recurrent4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small JMH result files and environment records, written the way JMH and the runner write them. */
final class ReportFixtures {
    private ReportFixtures() {}

    /** One JMH result with a GFLOPS counter; {@code impl} null for a benchmark without one. */
    static String flops(String benchmark, String params, String impl, double flopsPerSecond, String error) {
        String p = impl == null ? params : params + (params.isEmpty() ? "" : ",") + "\"impl\":\"" + impl + "\"";
        return "{\"benchmark\":\"" + benchmark + "\",\"params\":{" + p + "},"
                + "\"primaryMetric\":{\"score\":1.0,\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"flops\":{\"score\":" + flopsPerSecond + ",\"scoreError\":" + error
                + ",\"scoreUnit\":\"ops/s\"},\"·gc.alloc.rate\":{\"score\":5,\"scoreError\":0,\"scoreUnit\":\"MB/sec\"}}}";
    }

    /** One JMH result timed per operation, no counter. */
    static String time(String benchmark, String params, double msPerOp, String error) {
        return "{\"benchmark\":\"" + benchmark + "\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + msPerOp + ",\"scoreError\":" + error + ",\"scoreUnit\":\"ms/op\"}}";
    }

    static Path jmh(Path dir, List<String> results) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",\n", results) + "]");
    }

    static void environment(Path dir, String model, String commit, String extraFlags) throws IOException {
        Files.writeString(dir.resolve("environment.json"), """
                {"run":"quick","date":"2025-01-02T03:04:05Z","gitCommit":"%s","profile":"%s",
                 "cpu":{"model":"%s","microarchitecture":"zen3","simd":"avx2","logicalCpus":2},
                 "vector":{"kernels":"vector, 256-bit"},"jdk":{"version":"25.0.1"},
                 "jvmArgs":{"extra":"%s"},"openblas":{"available":false,"core":"HASWELL","coretypeEnv":null},
                 "gemmTuning":"mc=64 kc=256"}
                """.formatted(commit, dir.getFileName(), model, extraFlags));
    }
}
