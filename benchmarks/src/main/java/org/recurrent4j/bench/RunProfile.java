package org.recurrent4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long and how wide a run of the suite is. {@code quick} runs every parameter with one fork (more where a
 * benchmark's {@code @Fork} asks for more) and short iterations (about 19 minutes on 2 cores, most of them for
 * the kernels); {@code full} runs two forks with longer iterations for tighter error bars; {@code smoke} runs
 * each benchmark once with its first (smallest) parameters and the engine's own implementations, only to prove
 * that the suite still works.
 */
enum RunProfile {
    SMOKE(1, 1, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100)),
    QUICK(1, 2, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(500)),
    FULL(2, 4, TimeValue.seconds(1), 5, TimeValue.seconds(1));

    /** The implementations a smoke run keeps: the engine's, which every kernel benchmark has. */
    private static final Set<String> SMOKE_IMPLS = Set.of("vector", "scalar");

    final int forks;
    final int warmupIterations;
    final TimeValue warmupTime;
    final int measurementIterations;
    final TimeValue measurementTime;

    RunProfile(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
               TimeValue measurementTime) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    /**
     * Forks for a benchmark whose {@code @Fork} declares {@code declared}: the profile's count, or the declared
     * one when it is larger (a benchmark whose single forks differ by where its arrays land in memory asks for
     * more); a smoke run keeps its one.
     */
    int forks(int declared) {
        return this == SMOKE ? forks : Math.max(forks, declared);
    }

    /** The profile named {@code quick}, {@code full} or {@code smoke}, or null for any other word. */
    static RunProfile named(String name) {
        for (RunProfile p : values()) if (p.label().equals(name)) return p;
        return null;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * JVM flags this profile appends to every fork's. A smoke run measures nothing, so it pre-touches a small
     * initial heap instead of the whole fixed one (which would triple its time); the maximum heap stays.
     */
    List<String> forkFlags() {
        return this == SMOKE ? List.of("-Xms256m") : List.of();
    }

    /** Seconds to start a fork's JVM and pre-touch its heap: about 2 with the 1 GiB heap, 1 with smoke's 256 MiB. */
    double startSeconds() {
        return this == SMOKE ? 1 : 2;
    }

    /** The values of one parameter this profile runs, out of those the benchmark declares (in declared order). */
    List<String> select(String param, String[] declared) {
        if (this != SMOKE) return Arrays.asList(declared);
        if (param.equals("impl")) return Arrays.stream(declared).filter(SMOKE_IMPLS::contains).toList();
        return List.of(declared[0]);
    }
}
