package org.recurrent4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Array elements processed by an element-wise benchmark, reported by JMH as the secondary result
 * {@code elements} in elements/s. A benchmark adds its element count once per call.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Elements {
    /** Elements so far in this iteration. */
    public long elements;

    /** Counts start again at every iteration, so that each one reports its own rate. */
    @Setup(Level.Iteration)
    public void reset() {
        elements = 0;
    }
}
