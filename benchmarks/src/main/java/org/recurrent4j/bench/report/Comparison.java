package org.recurrent4j.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two result files (say, this machine's and another CPU's): every result present in both, with B's
 * throughput over A's, marked faster or slower when the two differ by more than 5% and by more than their
 * error bars; then the geometric mean of the ratios per layer.
 */
final class Comparison {
    private static final double NOISE = 0.05;

    private Comparison() {}

    static void print(Path a, Path b, PrintStream out) throws IOException {
        Map<String, Measurement> left = index(JmhResults.read(a));
        Map<String, Measurement> right = index(JmhResults.read(b));
        var envA = new ProfileRun("A", JmhResults.environmentNextTo(a), List.of());
        var envB = new ProfileRun("B", JmhResults.environmentNextTo(b), List.of());
        out.println("# Comparison\n");
        out.println("- A: `" + a + "` — " + describe(envA));
        out.println("- B: `" + b + "` — " + describe(envB));
        out.println("\nB ÷ A above 1 means B is faster.\n");
        out.println("| benchmark | case | impl | A | B | unit | B ÷ A | verdict |");
        out.println("|---|---|---|---|---|---|---|---|");
        Map<String, double[]> logSums = new LinkedHashMap<>(); // layer -> {sum of log ratios, count}
        List<Measurement> shared = new ArrayList<>();
        for (var e : left.entrySet()) if (right.containsKey(e.getKey())) shared.add(e.getValue());
        shared.sort(Comparator.comparing(Measurement::benchmark)
                .thenComparing(Measurement::caseLabel, NaturalOrder.INSTANCE)
                .thenComparing(Measurement::impl, MarkdownReport::compareImpls));
        for (Measurement ma : shared) {
            Measurement mb = right.get(ma.key());
            Throughput ta = ma.throughput(), tb = mb.throughput();
            double ratio = tb.speedupOver(ta);
            double errors = (nanToZero(ta.error()) + nanToZero(tb.error())) / Math.max(ta.value(), 1e-300);
            String verdict = Math.abs(ratio - 1) <= Math.max(NOISE, errors) ? "same" : ratio > 1 ? "**faster**" : "**slower**";
            out.printf(Locale.ROOT, "| %s | %s | %s | %.4g | %.4g | %s | %.2f× | %s |%n", ma.shortName(), ma.caseLabel(),
                    ma.impl() == null ? "" : ma.impl(), ta.value(), tb.value(), ta.unit(), ratio, verdict);
            double[] acc = logSums.computeIfAbsent(ma.layer(), k -> new double[2]);
            acc[0] += Math.log(ratio);
            acc[1]++;
        }
        out.println();
        if (shared.isEmpty()) out.println("The two files share no result.");
        for (var e : logSums.entrySet()) {
            out.printf(Locale.ROOT, "- %s: geometric mean of B ÷ A over %d results: %.2f×%n", e.getKey(),
                    (int) e.getValue()[1], Math.exp(e.getValue()[0] / e.getValue()[1]));
        }
        int onlyA = (int) left.keySet().stream().filter(k -> !right.containsKey(k)).count();
        int onlyB = (int) right.keySet().stream().filter(k -> !left.containsKey(k)).count();
        if (onlyA + onlyB > 0) out.println("- not compared: " + onlyA + " results only in A, " + onlyB + " only in B");
    }

    private static Map<String, Measurement> index(List<Measurement> ms) {
        Map<String, Measurement> m = new LinkedHashMap<>();
        for (Measurement x : ms) m.put(x.key(), x);
        return m;
    }

    private static String describe(ProfileRun r) {
        if (r.environment().isEmpty()) return "no environment.json beside it";
        return r.env("profile") + ": " + r.env("cpu.model") + ", " + r.env("vector.kernels") + ", JDK "
                + r.env("jdk.version") + ", OpenBLAS " + r.env("openblas.core") + ", " + r.env("date");
    }

    private static double nanToZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }
}
