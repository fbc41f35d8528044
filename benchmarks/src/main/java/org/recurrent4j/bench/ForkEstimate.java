package org.recurrent4j.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * About how long the forks of one benchmark method take under a run profile, for the plan's estimate: starting
 * the JVM and pre-touching the heap, the benchmark's setup, then every iteration, each lasting at least one
 * benchmark call. The setup and call lengths of the slow benchmarks are rough figures measured on 2 shared cores
 * with the scalar gemm (the compiler warm-up of the layer benchmarks, a whole training step); the others take
 * neither.
 */
final class ForkEstimate {
    /** Seconds of setup, and of one benchmark call where it can outlast an iteration. */
    private record Cost(double setupSeconds, double callSeconds) {}

    private static final Cost NONE = new Cost(0, 0);
    /** By benchmark class, or by class and the value of one of its parameters. */
    private static final Map<String, Cost> COSTS = Map.of(
            "GraphBenchmark", new Cost(0.5, 0),
            "ModelStepBenchmark", new Cost(2.5, 0.4),
            "InferenceBenchmark", new Cost(2.5, 0.1),
            "SamplingBenchmark", new Cost(1, 0),
            "TrainingBenchmark config=seed-demo", new Cost(1, 0),
            "TrainingBenchmark config=char-rnn", new Cost(8, 1.2),
            // the first step also allocates the graph's buffers, some 0.5 GB
            "TrainingBenchmark config=large", new Cost(25, 13));

    private ForkEstimate() {}

    /**
     * Seconds for every fork of {@code benchmark} (a method's full name): {@code forks} per combination of
     * {@code values}.
     */
    static double seconds(RunProfile run, int forks, String benchmark, Map<String, List<String>> values) {
        String[] parts = benchmark.split("\\.");
        String cls = parts.length >= 2 ? parts[parts.length - 2] : benchmark;
        double total = 0;
        for (Map<String, String> combination : combinations(values)) {
            total += forks * fork(run, cost(cls, combination));
        }
        return total;
    }

    private static Cost cost(String cls, Map<String, String> combination) {
        for (var p : combination.entrySet()) {
            Cost c = COSTS.get(cls + " " + p.getKey() + "=" + p.getValue());
            if (c != null) return c;
        }
        return COSTS.getOrDefault(cls, NONE);
    }

    /** Starting the JVM, the setup, then the iterations, each lasting at least one call. */
    private static double fork(RunProfile run, Cost cost) {
        double warmup = run.warmupTime.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        double measurement = run.measurementTime.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        return run.startSeconds() + cost.setupSeconds()
                + run.warmupIterations * Math.max(warmup, cost.callSeconds())
                + run.measurementIterations * Math.max(measurement, cost.callSeconds());
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>(List.of(Map.of()));
        for (var param : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String value : param.getValue()) {
                    Map<String, String> m = new HashMap<>(partial);
                    m.put(param.getKey(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
