package org.recurrent4j.bench.peers;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.recurrent4j.bench.kernel.RoofBenchmark;
import org.recurrent4j.bench.model.InferenceBenchmark;
import org.recurrent4j.kernel.GemmTuning;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The peer benchmark: trains each {@link PeerConfig} with {@code recurrent4j train} and with the same recipe in
 * PyTorch ({@code benchmarks/peers/torch_train.py}), alternately, several times each, on this machine, and
 * writes the medians, ranges and ratios to {@code <out-root>/<profile>/peers.json}. Also measures this core's
 * FMA roof (the JMH {@code RoofBenchmark}) to state each engine run as a fraction of it, and, with
 * {@code --breakdown}, where a training step's time goes ({@link StepBreakdown}). Then inference: the JMH
 * {@code InferenceBenchmark} against {@code benchmarks/peers/torch_infer.py} for each {@link InferenceConfig}.
 *
 * <p>Options: {@code --profile NAME} (default: this machine's JMH profile), {@code --out-root DIR},
 * {@code --launcher PATH} (target/recurrent4j), {@code --script PATH}, {@code --python PATH},
 * {@code --data DIR} (with tinyshakespeare.txt and samples.txt), {@code --reps N} (3), {@code --seconds S}
 * (20 per run), {@code --only REGEX}, {@code --breakdown}, {@code --git-commit C}.
 */
public final class PeerRun {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final Path launcher;
    private final Path script;
    private final String python;
    private final Path data;
    private final int seconds;
    private final Path work;
    /** Seconds each side trains before its speed counts: the JVM compiles the kernels within them. */
    static final int WARM_UP_SECONDS = 5;

    private PeerRun(Path launcher, Path script, String python, Path data, int seconds) throws IOException {
        this.launcher = launcher;
        this.script = script;
        this.python = python;
        this.data = data;
        this.seconds = seconds;
        this.work = Files.createTempDirectory("recurrent4j-peers");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--out-root", "perf-reports", "--launcher", "target/recurrent4j",
                "--script", "benchmarks/peers/torch_train.py", "--python", "/usr/bin/python3", "--reps", "3",
                "--seconds", "20", "--only", ".*", "--git-commit", "unknown"));
        boolean breakdown = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--breakdown")) {
                breakdown = true;
            } else if (o.containsKey(args[i]) || args[i].equals("--profile") || args[i].equals("--data")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                o.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (o.get("--data") == null) throw new IllegalArgumentException("--data DIR is required");
        o.putIfAbsent("--profile", org.recurrent4j.bench.BenchmarkMain.defaultProfileName());
        int reps = Integer.parseInt(o.get("--reps"));
        PeerRun run = new PeerRun(Path.of(o.get("--launcher")), Path.of(o.get("--script")), o.get("--python"),
                Path.of(o.get("--data")), Integer.parseInt(o.get("--seconds")));
        Pattern only = Pattern.compile(o.get("--only"));
        List<PeerConfig> configs = PeerConfig.standard().stream().filter(c -> only.matcher(c.name()).find()).toList();
        if (configs.isEmpty() && InferenceConfig.standard().stream().noneMatch(c -> only.matcher(c.name()).find())) {
            throw new IllegalArgumentException("no configuration matches " + only);
        }

        double roof = fmaRoof();
        System.out.printf(Locale.ROOT, "FMA roof of one core: %.1f GFLOPS%n", roof);
        JsonObject out = new JsonObject();
        out.addProperty("date", Instant.now().toString());
        out.addProperty("gitCommit", o.get("--git-commit"));
        out.addProperty("reps", reps);
        out.addProperty("secondsPerRun", run.seconds);
        out.addProperty("roofGflops", roof);
        out.addProperty("gemmTuning", GemmTuning.current().describe());
        out.addProperty("openblasCoretype", System.getenv("OPENBLAS_CORETYPE"));
        JsonArray results = new JsonArray();
        for (PeerConfig c : configs) {
            JsonObject r = run.compare(c, reps, roof);
            if (breakdown) r.add("breakdown", run.breakdown(c));
            results.add(r);
        }
        out.add("configs", results);
        JsonArray inference = new JsonArray();
        for (InferenceConfig c : InferenceConfig.standard()) {
            if (only.matcher(c.name()).find()) inference.add(run.compareInference(c, reps));
        }
        out.add("inference", inference);
        Path dir = Path.of(o.get("--out-root")).resolve(o.get("--profile"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("peers.json"), GSON.toJson(out));
        System.out.println("results: " + dir.resolve("peers.json"));
    }

    /** One configuration, the two sides alternated (the engine first on even repetitions). */
    private JsonObject compare(PeerConfig c, int reps, double roof) throws Exception {
        List<Double> engine = new ArrayList<>();
        List<Double> torch = new ArrayList<>();
        List<Double> pairRatios = new ArrayList<>();
        JsonObject torchInfo = null;
        for (int rep = 0; rep < reps; rep++) {
            double e, t;
            if (rep % 2 == 0) {
                e = engine(c, false);
                JsonObject p = pytorch(c);
                t = p.get("chars_per_second").getAsDouble();
                torchInfo = p;
            } else {
                JsonObject p = pytorch(c);
                t = p.get("chars_per_second").getAsDouble();
                torchInfo = p;
                e = engine(c, false);
            }
            engine.add(e);
            torch.add(t);
            pairRatios.add(e / t);
            System.out.printf(Locale.ROOT, "%-16s run %d: recurrent4j %8.0f chars/s, PyTorch %8.0f chars/s, %.2fx%n",
                    c.name(), rep + 1, e, t, e / t);
        }
        JsonObject r = summary(c, engine, torch, pairRatios, roof, torchInfo);
        System.out.printf(Locale.ROOT, "%-16s median recurrent4j %.0f, PyTorch %.0f chars/s: %.2fx (pairs %.2f-%.2f)%n",
                c.name(), median(engine), median(torch), median(pairRatios), min(pairRatios), max(pairRatios));
        return r;
    }

    /**
     * One configuration's entry of peers.json from its runs' speeds and pair ratios: the statistics of each, the
     * GFLOPS of both medians, the engine's fraction of the roof of the cores it used, and PyTorch's versions.
     */
    static JsonObject summary(PeerConfig c, List<Double> engine, List<Double> torch, List<Double> pairRatios,
                              double roof, JsonObject torchInfo) {
        long flops = c.flopsPerChar(c.corpus() ? 66 : 51);
        JsonObject r = GSON.toJsonTree(c).getAsJsonObject();
        r.addProperty("flopsPerChar", flops);
        r.add("recurrent4j", stats(engine));
        r.add("pytorch", stats(torch));
        r.add("ratio", stats(pairRatios));
        double med = median(engine);
        r.addProperty("recurrent4jGflops", med * flops / 1e9);
        r.addProperty("pytorchGflops", median(torch) * flops / 1e9);
        r.addProperty("roofFraction", med * flops / 1e9 / (roof * c.threads()));
        if (torchInfo != null) {
            r.addProperty("torchVersion", torchInfo.get("torch").getAsString());
            r.addProperty("torchBlas", torchInfo.get("blas").getAsString());
            r.addProperty("torchOptimizer", torchInfo.get("optimizer").getAsString());
        }
        return r;
    }

    /**
     * One inference configuration: the engine's JMH {@code InferenceBenchmark} (a fork of its own) and
     * {@code torch_infer.py} with the same model and batch, alternately.
     */
    private JsonObject compareInference(InferenceConfig c, int reps) throws Exception {
        List<Double> engine = new ArrayList<>();
        List<Double> torch = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            double e = rep % 2 == 0 ? inferenceEngine(c) : Double.NaN;
            double t = torchInference(c);
            if (rep % 2 != 0) e = inferenceEngine(c);
            engine.add(e);
            torch.add(t);
            ratios.add(e / t);
            System.out.printf(Locale.ROOT, "%-22s run %d: recurrent4j %9.0f chars/s, PyTorch %9.0f chars/s, %.2fx%n",
                    c.name(), rep + 1, e, t, e / t);
        }
        JsonObject r = GSON.toJsonTree(c).getAsJsonObject();
        r.add("recurrent4j", stats(engine));
        r.add("pytorch", stats(torch));
        r.add("ratio", stats(ratios));
        System.out.printf(Locale.ROOT, "%-22s median %.2fx (pairs %.2f-%.2f)%n", c.name(), median(ratios),
                min(ratios), max(ratios));
        return r;
    }

    private static double inferenceEngine(InferenceConfig c) throws Exception {
        var options = new OptionsBuilder().include(InferenceBenchmark.class.getName() + ".score")
                .param("kind", c.kind()).param("hidden", String.valueOf(c.hidden()))
                .param("batch", String.valueOf(c.batch())).forks(1).warmupIterations(3)
                .warmupTime(TimeValue.seconds(1)).measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                        "-Drecurrent4j.threads=1")
                .build();
        for (RunResult r : new Runner(options).run()) {
            var chars = r.getSecondaryResults().get("chars");
            if (chars != null) return chars.getScore();
        }
        throw new IllegalStateException("InferenceBenchmark gave no result for " + c.name());
    }

    private JsonObject torchInferenceRun(InferenceConfig c) throws Exception {
        Path log = Files.createTempFile(work, c.name(), ".torch");
        Path infer = script.resolveSibling("torch_infer.py");
        exec(List.of(python, infer.toString(), "--kind", c.kind(), "--hidden", String.valueOf(c.hidden()),
                "--batch", String.valueOf(c.batch()), "--threads", "1", "--rounds", "5"),
                Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1"), log);
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{")) return JsonParser.parseString(lines.get(i)).getAsJsonObject();
        }
        throw new IllegalStateException(c.name() + ": torch_infer.py printed no result; see " + log);
    }

    private double torchInference(InferenceConfig c) throws Exception {
        return torchInferenceRun(c).get("chars_per_s").getAsDouble();
    }

    /**
     * One {@code recurrent4j train} run; its speed is that of the report intervals after the first (which holds
     * the JIT's warm-up), from the metrics file: total characters over total time in training steps.
     */
    double engine(PeerConfig c, boolean flight) throws Exception {
        Path dir = Files.createTempDirectory(work, c.name());
        Path metrics = dir.resolve("metrics.jsonl");
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "train",
                c.corpus() ? "--data" : "--sentences",
                data.resolve(c.corpus() ? "tinyshakespeare.txt" : "samples.txt").toString(),
                "--model", c.kind(), "--hidden", String.join(",", java.util.Collections.nCopies(c.layers(),
                        String.valueOf(c.hidden()))), "--embed", String.valueOf(c.embed()),
                "--batch", String.valueOf(c.batch()), "--threads", String.valueOf(c.threads()),
                "--minutes", String.format(Locale.ROOT, "%.4f", (seconds + WARM_UP_SECONDS) / 60.0), "--report-every",
                reportEvery(c), "--val-every", c.corpus() ? "100000" : "500", "--sample-every", "0",
                "--save-every", "0", "--quiet", "--metrics", metrics.toString(), "--out",
                dir.resolve("model.r4j").toString()));
        if (c.corpus()) cmd.addAll(List.of("--seq", String.valueOf(c.seq())));
        Map<String, String> env = new HashMap<>();
        if (flight) {
            env.put("RECURRENT4J_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + dir.resolve("step.jfr")
                    + ",settings=profile");
        }
        exec(cmd, env, dir.resolve("engine.log"));
        double speed = speedAfterWarmUp(c.name(), metrics);
        if (flight) lastFlight = dir.resolve("step.jfr");
        return speed;
    }

    /**
     * The speed of a metrics file's report intervals that began after the warm-up: each holds the same characters
     * in corpus mode, and about the same in sentence mode, so their speed is the harmonic mean of theirs.
     */
    static double speedAfterWarmUp(String name, Path metrics) throws IOException {
        List<Double> speeds = new ArrayList<>();
        double previousEnd = 0;
        for (String line : Files.readAllLines(metrics)) {
            JsonObject m = JsonParser.parseString(line).getAsJsonObject();
            if (previousEnd >= WARM_UP_SECONDS) speeds.add(m.get("charsPerSecond").getAsDouble());
            previousEnd = m.get("elapsedSeconds").getAsDouble();
        }
        if (speeds.isEmpty()) throw new IllegalStateException(name + ": no report after the warm-up in " + metrics);
        double time = 0;
        for (double s : speeds) time += 1 / s;
        return speeds.size() / time;
    }

    /**
     * Steps per metrics line: several lines must fall after the warm-up even for the slowest configuration, whose
     * step (2 x 512 at B = 50, T = 50) takes about a second.
     */
    static String reportEvery(PeerConfig c) {
        if (!c.corpus()) return "500";
        return c.hidden() >= 512 ? "2" : "10";
    }

    private Path lastFlight;

    /** One PyTorch run: {@code OMP_NUM_THREADS=1} and OpenBLAS on the configuration's threads. */
    private JsonObject pytorch(PeerConfig c) throws Exception {
        Path log = Files.createTempFile(work, c.name(), ".torch");
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
                "--data", data.resolve(c.corpus() ? "tinyshakespeare.txt" : "samples.txt").toString(),
                "--mode", c.corpus() ? "corpus" : "sentences", "--kind", c.kind(),
                "--layers", String.valueOf(c.layers()), "--hidden", String.valueOf(c.hidden()),
                "--embed", String.valueOf(c.embed()), "--batch", String.valueOf(c.batch()),
                "--seq", String.valueOf(Math.max(1, c.seq())), "--seconds", String.valueOf(seconds),
                "--warmup-seconds", String.valueOf(WARM_UP_SECONDS)));
        exec(cmd, Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", String.valueOf(c.threads())), log);
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{")) return JsonParser.parseString(lines.get(i)).getAsJsonObject();
        }
        throw new IllegalStateException(c.name() + ": the PyTorch script printed no result; see " + log);
    }

    /** One more engine run under JFR, its samples sorted into the parts of a training step. */
    private JsonObject breakdown(PeerConfig c) throws Exception {
        engine(c, true);
        StepBreakdown b = StepBreakdown.read(lastFlight, WARM_UP_SECONDS);
        System.out.println(c.name() + " where a step goes: " + b.summary());
        return b.toJson();
    }

    private static void exec(List<String> cmd, Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + ": did not finish in 30 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** GFLOPS of FMAs one core sustains from the JVM at the engine's vector width (RoofBenchmark.fmaPeak). */
    private static double fmaRoof() throws Exception {
        var options = new OptionsBuilder().include(RoofBenchmark.class.getName() + ".fmaPeak").forks(1)
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(500)).measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(500))
                .jvmArgsAppend("--add-modules=jdk.incubator.vector").build();
        for (RunResult r : new Runner(options).run()) {
            var flops = r.getSecondaryResults().get("flops");
            if (flops != null) return flops.getScore() / 1e9;
        }
        throw new IllegalStateException("RoofBenchmark.fmaPeak gave no result");
    }

    static JsonObject stats(List<Double> xs) {
        JsonObject s = new JsonObject();
        JsonArray all = new JsonArray();
        xs.forEach(all::add);
        s.add("runs", all);
        s.addProperty("median", median(xs));
        s.addProperty("min", min(xs));
        s.addProperty("max", max(xs));
        return s;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
