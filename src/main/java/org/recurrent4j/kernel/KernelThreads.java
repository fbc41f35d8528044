package org.recurrent4j.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The number of threads a large kernel may use, and the one bounded pool all kernels share: {@link #get()} − 1
 * daemon workers, the calling thread being the last one. The size comes from the system property
 * {@value #PROPERTY} (default: the available processors) or {@link #set(int)}.
 *
 * <p>A split kernel's parts are claimed from a counter by the caller and by whichever workers are free, so the
 * caller never waits for a queued task it could run itself: kernels called from several application threads at
 * once share the workers instead of each spawning its own, and a kernel called from a worker runs inline.
 */
public final class KernelThreads {
    /** The system property giving the initial thread count (a positive integer). */
    public static final String PROPERTY = "recurrent4j.threads";

    /**
     * Element-wise passes over fewer floats than this stay on the calling thread: at a few floats a nanosecond
     * they take less than the tens to hundreds of microseconds a parked worker needs to start.
     */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 19;
    /** Floats per unit of an element-wise split: whole vectors, four at a time, at every width. */
    static final int ELEMENT_UNIT = 64;

    private static final Object LOCK = new Object();
    private static final long SPIN_NANOS = 200_000;
    private static volatile int threads = initial();
    private static ExecutorService pool;

    private KernelThreads() {}

    /** The thread count large kernels may use, the calling thread included. */
    public static int get() {
        return threads;
    }

    /** The most threads a kernel may use: 4 × the available processors (more only wait for cores). */
    public static int max() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** Null when {@code count} threads are allowed (1 to {@link #max()}), else the rule it breaks. */
    public static String countProblem(long count) {
        if (count < 1) return "must be at least 1";
        if (count > max()) return "must be at most " + max() + " (4 × the " + Runtime.getRuntime().availableProcessors() + " cores)";
        return null;
    }

    /**
     * Sets the thread count; 1 runs every kernel on its calling thread. Products already running finish as they are.
     *
     * @throws IllegalArgumentException if {@code count} is not between 1 and {@link #max()}
     */
    public static void set(int count) {
        String problem = countProblem(count);
        if (problem != null) throw new IllegalArgumentException("threads: " + problem + ", got " + count);
        synchronized (LOCK) {
            if (count == threads) return;
            threads = count;
            if (pool != null) pool.shutdown(); // queued helpers still run; they find no parts left and return
            pool = null;
        }
    }

    private static int initial() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) return Runtime.getRuntime().availableProcessors();
        try {
            int n = Integer.parseInt(value.strip());
            if (countProblem(n) == null) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PROPERTY + ": " + value + " is not a whole number from 1 to " + max());
    }

    /**
     * Runs {@code body} for every part 0 … parts − 1, spread over the pool and the calling thread, and returns
     * when all are done; the first exception of any part is rethrown here.
     */
    static void run(int parts, IntConsumer body) {
        ExecutorService workers = parts > 1 && !(Thread.currentThread() instanceof Worker) ? workers() : null;
        if (workers == null) {
            for (int i = 0; i < parts; i++) body.accept(i);
            return;
        }
        Split split = new Split(parts, body);
        try {
            for (int h = 1; h < Math.min(parts, threads); h++) workers.execute(split);
        } catch (RejectedExecutionException e) {
            // the pool was resized meanwhile: the caller claims the remaining parts itself
        }
        split.run();
        split.await();
    }

    /** Whether an element-wise pass over this many floats is split across the threads. */
    static boolean splits(long elements) {
        return elements >= PARALLEL_MIN_ELEMENTS && threads > 1;
    }

    /** Indices from (inclusive) to (exclusive) of a range split by {@link #runRanges}. */
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n) in one part per thread, every part but the last a multiple of {@code unit} long.
     * The parts are disjoint, so an element-wise pass gives the same bits however it is split.
     */
    static void runRanges(int n, int unit, Range body) {
        int step = Math.max(unit, (n + threads - 1) / threads);
        step = (step + unit - 1) / unit * unit;
        int size = step;
        run((n + size - 1) / size, part -> body.run(part * size, Math.min(n, (part + 1) * size)));
    }

    private static ExecutorService workers() {
        synchronized (LOCK) {
            if (threads == 1) return null;
            if (pool == null) {
                AtomicInteger id = new AtomicInteger();
                pool = Executors.newFixedThreadPool(threads - 1, r -> new Worker(r, id.incrementAndGet()));
            }
            return pool;
        }
    }

    /** A pool thread; a kernel it calls runs inline. */
    private static final class Worker extends Thread {
        Worker(Runnable r, int id) {
            super(r, "recurrent4j-kernel-" + id);
            setDaemon(true);
        }
    }

    /** One split kernel: parts claimed from a counter, and a count of finished ones the caller waits on. */
    private static final class Split implements Runnable {
        private final int parts;
        private final IntConsumer body;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Split(int parts, IntConsumer body) {
            this.parts = parts;
            this.body = body;
        }

        @Override
        public void run() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                }
                if (done.incrementAndGet() == parts) LockSupport.unpark(caller);
            }
        }

        void await() {
            // A parked caller wakes tens of µs after the last part ends, which a split product cannot afford;
            // spinning briefly first covers the usual case, where the other parts end about when the caller's do.
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (done.get() < parts && System.nanoTime() < spinUntil) Thread.onSpinWait();
            while (done.get() < parts) LockSupport.park(this);
            Throwable t = failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
    }
}
