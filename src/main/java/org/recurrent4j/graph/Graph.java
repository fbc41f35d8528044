package org.recurrent4j.graph;

import org.recurrent4j.tensor.Mat;

/**
 * The expression graph (tape) with reverse-mode automatic differentiation, as in RecurrentJS. Every op computes
 * its output eagerly; when {@code needsBackprop} is set it also records how to send the output's gradient back,
 * and {@link #backward()} replays the records in reverse, accumulating (+=) into the inputs' {@code dw}.
 *
 * <p>A graph is reused across sequences: {@link #reset()} empties the tape but keeps its buffers, so the next
 * sequence of the same shapes allocates nothing. Matrices returned by ops are owned by the graph and are valid
 * until the next {@code reset()}. A graph is used by one thread at a time.
 */
public final class Graph {
    // SKELETON: method bodies are implemented on the engine-graph branch.

    /** A graph that records for backpropagation. */
    public Graph() {
        this(true);
    }

    public Graph(boolean needsBackprop) {
        throw new UnsupportedOperationException("skeleton");
    }

    public boolean needsBackprop() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** out (d×1) = row {@code ix} of m (n×d), as a column. Backward: m.dw[ix, :] += Δᵀ. */
    public Mat rowPluck(Mat m, int ix) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Batched pluck: column j of out (d×B) = row {@code ix[j]} of m. */
    public Mat rowPluck(Mat m, int[] ix) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Mat tanh(Mat m) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Mat sigmoid(Mat m) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Mat relu(Mat m) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The matrix product a·b. */
    public Mat mul(Mat a, Mat b) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * The sum of one or more matrices of the same shape; an n×1 operand is broadcast across the columns of an
     * n×B sum (a bias over a batch), and its gradient sums over the columns.
     */
    public Mat add(Mat... ms) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The element-wise product a ⊙ b (same shapes). */
    public Mat eltmul(Mat a, Mat b) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The vertical stack of the inputs (same column count). */
    public Mat concat(Mat... ms) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** c·m. */
    public Mat scale(Mat m, float c) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** m + c. */
    public Mat addScalar(Mat m, float c) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * The loss step of the seed, fused: for each column j of the logits, writes logits.dw[:, j] =
     * softmax(column) − onehot(targets[j]) and returns Σ_j −log softmax(column)[targets[j]] in nats. A negative
     * target masks its column (zero gradient, no loss).
     */
    public double softmaxCrossEntropy(Mat logits, int... targets) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Replays the tape in reverse; throws IllegalStateException on a graph built without backprop. */
    public void backward() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Empties the tape, keeping its buffers for the next sequence. */
    public void reset() {
        throw new UnsupportedOperationException("skeleton");
    }
}
