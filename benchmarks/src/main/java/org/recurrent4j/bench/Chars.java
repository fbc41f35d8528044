package org.recurrent4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Characters a model step or training step predicts, reported by JMH as the secondary result {@code chars} in
 * chars/s: B per model time step, and the step's unmasked predictions (targets) for a training step; for sampling,
 * the characters of the text generated. A benchmark adds its count once per call.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Chars {
    /** Characters so far in this iteration. */
    public long chars;

    /** Counts start again at every iteration, so that each one reports its own rate. */
    @Setup(Level.Iteration)
    public void reset() {
        chars = 0;
    }
}
