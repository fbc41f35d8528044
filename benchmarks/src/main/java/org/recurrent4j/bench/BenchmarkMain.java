package org.recurrent4j.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.recurrent4j.bench.kernel.OpenBlas;
import org.recurrent4j.kernel.Kernels;

/**
 * The suite's entry point. {@code quick}, {@code full} or {@code smoke} as first argument runs that profile of
 * every benchmark and writes {@code <out-root>/<profile>/jmh.json} (JMH's JSON result format) and
 * {@code environment.json}; any other arguments go to JMH's own command line ({@code org.openjdk.jmh.Main}).
 *
 * <p>Options: {@code --profile NAME} (default: a slug of the CPU and vector width), {@code --jvm-args "..."}
 * (appended to every fork's flags, e.g. {@code -XX:MaxVectorSize=32}), {@code --out-root DIR} (default
 * {@code perf-reports}), {@code --include REGEX} (benchmarks to run), {@code --git-commit SHA}, and
 * {@code --dry-run} (print the plan and its estimated length, run nothing). The runner's
 * {@code recurrent4j.bench.*} system properties reach every fork too (the training texts' directory,
 * {@code -Drecurrent4j.bench.data=DIR}).
 *
 * <p>Each benchmark method runs as its own JMH run, so that the profile can pick its parameter values from the
 * ones the method declares, and drop {@code impl=openblas} with a message when OpenBLAS is not installed.
 */
public final class BenchmarkMain {
    /** The prefix of the runner's system properties that every fork gets too. */
    private static final String FORWARDED_PROPERTIES = "recurrent4j.bench.";

    private BenchmarkMain() {}

    /** The profile name this machine's runs get by default, e.g. {@code amd-epyc-zen3-avx2-256bit}. */
    public static String defaultProfileName() {
        return CpuInfo.read().profileName(Kernels.vectorAvailable() ? Kernels.vector().vectorBits() : Float.SIZE);
    }

    public static void main(String[] args) throws Exception {
        RunProfile run = args.length == 0 ? null : RunProfile.named(args[0]);
        if (run == null) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        String profile = null, include = ".*", gitCommit = "unknown";
        Path outRoot = Path.of("perf-reports");
        List<String> extra = List.of();
        boolean dryRun = false;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--profile" -> profile = required(args[i++], value);
                case "--jvm-args" -> extra = splitFlags(required(args[i++], value));
                case "--out-root" -> outRoot = Path.of(required(args[i++], value));
                case "--include" -> include = required(args[i++], value);
                case "--git-commit" -> gitCommit = required(args[i++], value);
                case "--dry-run" -> dryRun = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<ChainedOptionsBuilder> plan = plan(run, include, extra);
        if (dryRun) return;

        CpuInfo cpu = CpuInfo.read();
        JsonObject env = Environment.capture(cpu, run, extra, gitCommit);
        if (profile == null) profile = cpu.profileName(env.getAsJsonObject("vector").get("bits").getAsInt());
        env.addProperty("profile", profile);
        Path dir = outRoot.resolve(profile);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("environment.json"),
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(env));
        System.out.println("profile " + profile + " (" + run.label() + "), kernels: "
                + env.getAsJsonObject("vector").get("kernels").getAsString() + ", OpenBLAS: "
                + (OpenBlas.available() ? OpenBlas.coreName() : "absent"));
        List<RunResult> results = new ArrayList<>();
        for (ChainedOptionsBuilder options : plan) {
            results.addAll(new Runner(options.build()).run());
            write(results, dir.resolve("jmh.json")); // after every method, so that an interrupted run keeps its results
        }
        System.out.println("results: " + dir.resolve("jmh.json") + " and " + dir.resolve("environment.json"));
    }

    /** One JMH run per benchmark method that has something left to run under this profile. */
    private static List<ChainedOptionsBuilder> plan(RunProfile run, String include, List<String> extra) {
        List<BenchmarkListEntry> entries = List.copyOf(BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(include), List.of()));
        if (entries.isEmpty()) throw new IllegalArgumentException("no benchmark matches " + include);
        if (!OpenBlas.available()) System.out.println("skipping impl=openblas: " + OpenBlas.absentReason());
        List<ChainedOptionsBuilder> plan = new ArrayList<>();
        long forks = 0;
        double seconds = 0;
        for (BenchmarkListEntry entry : entries) {
            int entryForks = run.forks(entry.getForks().orElse(1));
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include("^" + Pattern.quote(entry.getUsername()) + "$")
                    .forks(entryForks)
                    .warmupIterations(run.warmupIterations).warmupTime(run.warmupTime)
                    .measurementIterations(run.measurementIterations).measurementTime(run.measurementTime)
                    .jvmArgs() // not the runner's own flags, which JMH would pass on by default: only ours
                    .jvmArgsAppend(forkFlags(entry, run, extra))
                    .shouldFailOnError(true);
            long combinations = 1;
            Map<String, List<String>> selected = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> param : entry.getParams().orElse(Map.of()).entrySet()) {
                List<String> values = new ArrayList<>(run.select(param.getKey(), param.getValue()));
                if (param.getKey().equals("impl") && !OpenBlas.available()) values.remove("openblas");
                combinations *= values.size();
                selected.put(param.getKey(), values);
                if (!values.isEmpty()) options.param(param.getKey(), values.toArray(String[]::new));
            }
            if (combinations == 0) {
                System.out.println("skipping " + entry.getUsername() + ": no implementation left to run");
                continue;
            }
            plan.add(options);
            forks += combinations * entryForks;
            seconds += ForkEstimate.seconds(run, entryForks, entry.getUsername(), selected);
        }
        System.out.printf("%s: %d benchmark methods, %d forks, about %.0f minutes%n", run.label(), plan.size(), forks,
                Math.ceil(seconds / 60));
        return plan;
    }

    /**
     * The benchmark's own {@code @Fork(jvmArgsAppend)} flags, then the run profile's, then the runner's
     * {@code recurrent4j.bench.*} system properties (such as the training texts' directory), then the extra ones
     * (the last win).
     */
    private static String[] forkFlags(BenchmarkListEntry entry, RunProfile run, List<String> extra) {
        List<String> flags = new ArrayList<>();
        entry.getJvmArgsAppend().orElse(List.of()).forEach(flags::add);
        flags.addAll(run.forkFlags());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(FORWARDED_PROPERTIES)).sorted()
                .forEach(k -> flags.add("-D" + k + "=" + System.getProperty(k)));
        flags.addAll(extra);
        return flags.toArray(String[]::new);
    }

    private static void write(Collection<RunResult> results, Path json) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(json), false, "UTF-8")) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
    }

    private static String required(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }

    private static List<String> splitFlags(String flags) {
        return flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
    }
}
