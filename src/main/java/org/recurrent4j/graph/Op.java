package org.recurrent4j.graph;

import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * One slot of the tape: an op's output buffer, kept across {@link Graph#reset()} so that the same position
 * reuses it, and the inputs its backward step needs. Each kind of op is a subclass that holds its forward
 * computation and its backward step side by side; instances are reused in place, so recording allocates
 * nothing once a sequence of ops repeats.
 */
abstract class Op {
    /** The output buffer of this tape position; replaced only when the shape at this position changes. */
    Mat out;
    /** Work arrays this op allocated since the graph last asked: counted by {@link Graph#allocations()}. */
    int grown;

    /** Sends out.dw back into the inputs' dw, accumulating; a leaf's weight gradient may go to {@code deferred}. */
    abstract void backward(Kernels k, DeferredProducts deferred);
}
