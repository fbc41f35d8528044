package org.recurrent4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders every profile's results as {@code README.md} with SVG charts beside it: a table of the profiles, then a
 * section per layer (kernels, graph, model steps, training, then any other package) and in it, per benchmark
 * method, a chart and a table of each parameter case's throughput by implementation and profile, with the
 * speed-ups of the engine's vector kernels over every other implementation.
 */
final class MarkdownReport {
    private static final List<String> LAYER_ORDER = List.of("kernel", "graph", "model", "training");
    private static final Map<String, String> LAYER_TITLES =
            Map.of("kernel", "Kernels", "graph", "Graph", "model", "Model steps", "training", "Training");
    private static final List<String> IMPL_ORDER = List.of("vector", "scalar", "ejml", "openblas");
    /** The implementation whose speed-ups the tables show. */
    private static final String ENGINE = "vector";

    private record Row(String profile, Measurement m) {}

    private MarkdownReport() {}

    /** Writes {@code dir/README.md} and {@code dir/charts/*.svg} from runs. */
    static void write(Path dir, List<ProfileRun> runs) throws IOException {
        Path charts = dir.resolve("charts");
        Files.createDirectories(charts);
        try (var old = Files.newDirectoryStream(charts, "*.svg")) {
            for (Path svg : old) Files.delete(svg); // charts of benchmarks that no longer exist would linger
        }
        StringBuilder md = new StringBuilder();
        md.append("# Performance reports\n\n")
                .append("Rendered by `benchmarks/report.sh` from ").append(runs.size())
                .append(" profile(s) in this directory; do not edit by hand. Each profile directory holds JMH's ")
                .append("JSON results (`jmh.json`) and the machine's record (`environment.json`).\n\n")
                .append("Throughput is the benchmark's own counter per second: GFLOPS = 10⁹ flop/s, counting ")
                .append("2·m·n·k for a gemm and 2·m·n for a gemv (and only the products of a graph); G elements/s ")
                .append("for element-wise kernels; chars/s, characters predicted per second, for model and training ")
                .append("steps, and characters generated per second for sampling. ")
                .append("± is JMH's 99.9% confidence half-width (blank for a single iteration). ")
                .append("`vector ÷ X` is how many times faster the engine's Vector API kernels are than X.\n\n");
        profiles(md, runs);
        tuning(md, runs);
        PeerReport.append(md, dir);

        Map<String, Map<String, List<Row>>> byLayer = new TreeMap<>(MarkdownReport::compareLayers);
        for (ProfileRun run : runs) {
            for (Measurement m : run.measurements()) {
                byLayer.computeIfAbsent(m.layer(), k -> new TreeMap<>())
                        .computeIfAbsent(m.shortName(), k -> new ArrayList<>()).add(new Row(run.name(), m));
            }
        }
        List<String> profiles = runs.stream().map(ProfileRun::name).toList();
        for (var layer : byLayer.entrySet()) {
            md.append("## ").append(LAYER_TITLES.getOrDefault(layer.getKey(), capitalise(layer.getKey()))).append("\n\n");
            for (var bench : layer.getValue().entrySet()) {
                benchmark(md, charts, layer.getKey(), bench.getKey(), bench.getValue(), profiles);
            }
        }
        Files.writeString(dir.resolve("README.md"), md.toString());
    }

    private static void profiles(StringBuilder md, List<ProfileRun> runs) {
        md.append("## Profiles\n\n")
                .append("| profile | CPU | logical CPUs | vector kernels | JDK | extra JVM flags | OpenBLAS core | run | date | commit |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ProfileRun r : runs) {
            String cpu = r.env("cpu.model") + " (" + r.env("cpu.microarchitecture") + ", " + r.env("cpu.simd") + ")";
            String blas = r.env("openblas.available").equals("true")
                    ? r.env("openblas.core") + " (OPENBLAS_CORETYPE=" + r.env("openblas.coretypeEnv") + ")"
                    : "absent";
            String extra = r.env("jvmArgs.extra");
            cells(md, r.name(), cpu, r.env("cpu.logicalCpus"), r.env("vector.kernels"), r.env("jdk.version"),
                    extra.isBlank() ? "none" : "`" + extra + "`", blas, r.env("run"), r.env("date"),
                    abbreviate(r.env("gitCommit")));
        }
        md.append('\n');
    }

    /** The blocking each profile's products ran with, as GemmTuning chose it on that machine. */
    private static void tuning(StringBuilder md, List<ProfileRun> runs) {
        md.append("GEMM tuning, derived by each machine from its caches and vector registers:\n\n")
                .append("| profile | tuning |\n|---|---|\n");
        for (ProfileRun r : runs) cells(md, r.name(), r.env("gemmTuning"));
        md.append('\n');
    }

    private static void benchmark(StringBuilder md, Path charts, String layer, String name, List<Row> rows,
                                  List<String> profiles) throws IOException {
        Set<String> impls = new LinkedHashSet<>();
        rows.stream().map(r -> r.m().impl()).sorted(MarkdownReport::compareImpls).forEach(impls::add);
        boolean hasImpl = !(impls.size() == 1 && impls.contains(null));
        List<String> cases = rows.stream().map(r -> r.m().caseLabel()).distinct().sorted(NaturalOrder.INSTANCE).toList();
        String unit = rows.get(0).m().throughput().unit();
        boolean manyProfiles = rows.stream().map(Row::profile).distinct().count() > 1;

        // case -> profile -> impl -> throughput
        Map<String, Map<String, Map<String, Throughput>>> grid = new LinkedHashMap<>();
        for (Row r : rows) {
            grid.computeIfAbsent(r.m().caseLabel(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.profile(), k -> new LinkedHashMap<>())
                    .put(String.valueOf(r.m().impl()), r.m().throughput());
        }

        BarChart chart = new BarChart();
        List<String> header = new ArrayList<>(List.of("case", "profile"));
        List<String> implKeys = impls.stream().map(String::valueOf).toList();
        header.addAll(hasImpl ? implKeys : List.of(unit));
        List<String> baselines = impls.contains(ENGINE)
                ? implKeys.stream().filter(i -> !i.equals(ENGINE)).toList() : List.of();
        baselines.forEach(b -> header.add(ENGINE + " ÷ " + b));

        StringBuilder table = new StringBuilder();
        cells(table, header.toArray(String[]::new));
        table.append("|---".repeat(header.size())).append("|\n");
        for (String c : cases) {
            for (String profile : profiles) {
                Map<String, Throughput> byImpl = grid.get(c).get(profile);
                if (byImpl == null) continue;
                List<String> line = new ArrayList<>(List.of(c, profile));
                for (String impl : implKeys) {
                    Throughput t = byImpl.get(impl);
                    line.add(t == null ? "—" : format(t));
                    if (t != null) chart.add(manyProfiles ? c + " · " + profile : c, hasImpl ? impl : profile, t.value());
                }
                Throughput engine = byImpl.get(ENGINE);
                for (String b : baselines) {
                    Throughput base = byImpl.get(b);
                    line.add(engine == null || base == null ? "—"
                            : String.format(Locale.ROOT, "%.2f×", engine.speedupOver(base)));
                }
                cells(table, line.toArray(String[]::new));
            }
        }

        String file = (layer + "-" + name).replaceAll("[^A-Za-z0-9.-]+", "-").replace('.', '-') + ".svg";
        chart.writeSvg(charts.resolve(file), name, unit);
        md.append("### ").append(name).append("\n\n")
                .append(unit).append(rows.get(0).m().throughput().higherIsBetter() ? ", higher is better" : ", lower is better")
                .append(" (`").append(rows.get(0).m().benchmark()).append("`).\n\n")
                .append("![").append(name).append("](charts/").append(file).append(")\n\n")
                .append(table).append('\n');
    }

    private static String format(Throughput t) {
        String v = significant(t.value());
        return Double.isNaN(t.error()) ? v : v + " ± " + significant(t.error());
    }

    /** Three significant digits, without exponent notation for the usual ranges. */
    private static String significant(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) return String.valueOf(x);
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(x))));
        return String.format(Locale.ROOT, "%." + Math.min(digits, 6) + "f", x);
    }

    private static void cells(StringBuilder md, String... values) {
        md.append('|');
        for (String v : values) md.append(' ').append(v.replace("|", "\\|")).append(" |");
        md.append('\n');
    }

    private static int compareLayers(String a, String b) {
        int ia = LAYER_ORDER.indexOf(a), ib = LAYER_ORDER.indexOf(b);
        if (ia >= 0 || ib >= 0) return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
        return a.compareTo(b);
    }

    static int compareImpls(String a, String b) {
        Comparator<String> byRank = Comparator.comparingInt(i -> IMPL_ORDER.contains(i) ? IMPL_ORDER.indexOf(i) : IMPL_ORDER.size());
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        int c = byRank.compare(a, b);
        return c != 0 ? c : a.compareTo(b);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A full commit hash shortened to 12 digits, keeping any suffix such as {@code -dirty}. */
    private static String abbreviate(String commit) {
        return commit.replaceFirst("^([0-9a-f]{12})[0-9a-f]{28}", "$1");
    }
}
