package org.recurrent4j.bench;

/**
 * Compiles the engine's code before JMH's warm-up starts, by running the benchmark's own code on a small size.
 * HotSpot compiles a method with C2 only after hundreds to thousands of calls (its tier-4 thresholds: 600 for a
 * method whose loops ran long, else 5,000), and until then the Vector API code runs in C1 code that allocates a
 * box for every vector and is many times slower. The kernel benchmarks call one kernel per operation, thousands
 * of times a second; a graph, model or training step calls each method a few times per operation, and at H = 512
 * does few operations in a short warm-up, so JMH's warm-up alone would time code that is still being compiled.
 * Run from a trial-level setup, so it is not timed.
 */
public final class JitWarmUp {
    /** The hidden size of warm-up models: cheap, yet two vectors wide at 512 bits, so the vector loops run. */
    public static final int HIDDEN = 32;
    /**
     * Calls of a graph or model step, which calls most engine methods several times: after 1,500, a model step
     * allocates no more than after 15 s of JMH warm-up (no vector boxed), and at H = 32 they take a few seconds
     * at most.
     */
    public static final int CALLS = 1500;

    private JitWarmUp() {}

    /** Runs {@code call} {@code times} times. */
    public static void run(int times, Runnable call) {
        for (int i = 0; i < times; i++) call.run();
    }

    /** Runs {@code call} {@link #CALLS} times. */
    public static void run(Runnable call) {
        run(CALLS, call);
    }
}
