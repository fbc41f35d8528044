package org.recurrent4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Floating-point operations done by a benchmark, reported by JMH as the secondary result {@code flops} in
 * flop/s (its throughput unit); the report divides by 10⁹ to show GFLOPS. A benchmark adds its operation's
 * flop count once per call.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flops {
    /** Flops so far in this iteration. */
    public long flops;

    /** Counts start again at every iteration, so that each one reports its own rate. */
    @Setup(Level.Iteration)
    public void reset() {
        flops = 0;
    }
}
