package org.recurrent4j.bench.report;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One benchmark result: the method ({@code org.recurrent4j.bench.<layer>.<Class>.<method>}), its parameters
 * other than {@code impl}, the implementation (null when the benchmark has no {@code impl} parameter) and the
 * throughput.
 */
record Measurement(String benchmark, Map<String, String> params, String impl, Throughput throughput) {

    /**
     * The layer: the package below {@code bench} ({@code kernel}, {@code graph}, {@code model}, {@code training}),
     * or for a class right in {@code bench} the first word of its name ({@code GraphBenchmark} → graph).
     */
    String layer() {
        String[] parts = benchmark.split("\\.");
        int cls = parts.length - 2;
        for (int i = 0; i + 1 < cls; i++) if (parts[i].equals("bench")) return parts[i + 1];
        String first = cls < 0 ? "other" : parts[cls].split("(?<=.)(?=\\p{Upper})")[0];
        return first.toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code GemmSquare.gemm}: the class without its Benchmark suffix, and the method. */
    String shortName() {
        String[] parts = benchmark.split("\\.");
        String cls = parts.length >= 2 ? parts[parts.length - 2] : "";
        return cls.replaceFirst("Benchmark$", "") + "." + parts[parts.length - 1];
    }

    /** The parameters as {@code hidden=128 batch=1}, or {@code (none)}. */
    String caseLabel() {
        if (params.isEmpty()) return "(none)";
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** What identifies this result across runs: benchmark, parameters and implementation. */
    String key() {
        return benchmark + " " + caseLabel() + " " + impl;
    }
}
