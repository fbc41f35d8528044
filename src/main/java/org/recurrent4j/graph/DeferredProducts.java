package org.recurrent4j.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * The weight gradients of a backward pass, as one product per weight. A product a·b whose left operand a is a
 * leaf of the graph (a parameter or an input, not an op output) sends a.dw += Δ·bᵀ back at every time step; for
 * one column that is an outer product, which no kernel runs well at recurrent sizes. Over the sequence the sum
 * Σ_t Δ_t·b_tᵀ is [Δ_1 … Δ_T]·[b_1 … b_T]ᵀ: a GEMM with inner dimension T. Backward copies each Δ_t and b_t
 * (a few hundred floats) and {@link #apply} makes the product once at the end. No op reads a leaf's dw during
 * backward, so the result is the same up to the order in which the terms are summed.
 */
final class DeferredProducts {
    /**
     * A leaf's factors as [Δ_1 … Δ_T] (m×K) and [b_1 … b_T] (inner×K), row-major with row length
     * {@code capacity} ≥ K, so that a step copies whole rows of its Δ_t and b_t into the next columns.
     */
    static final class Leaf {
        final Mat a;
        float[] deltas = new float[0];
        float[] inputs = new float[0];
        int rows;
        int capacity;
        long sequence;

        Leaf(Mat a) {
            this.a = a;
        }
    }

    /** The value arrays of the graph's op outputs (views share them): a left operand outside them is a leaf. */
    private final Set<float[]> outputs = Collections.newSetFromMap(new IdentityHashMap<>());
    private final IdentityHashMap<Mat, Leaf> leaves = new IdentityHashMap<>();
    private Leaf[] pending = new Leaf[8];
    private int pendingCount;
    private long sequence;
    private int usedThisSequence;
    /** Leaves and buffers allocated; constant in steady state. */
    int allocations;

    /** How many leaves are remembered (used in the current or a recent sequence). */
    int leafCount() {
        return leaves.size();
    }

    /** The arena replaced the output buffer {@code old} (null for a new slot) with {@code out}. */
    void outputReplaced(Mat old, Mat out) {
        if (old != null) outputs.remove(old.w);
        outputs.add(out.w);
    }

    /**
     * The record for the left operand {@code a} of a product, or null when a is an op output (its dw is read by
     * its own op's backward, so its gradient cannot wait). {@code previous} is the record this tape position had
     * in the last sequence: the same weight there needs no lookup.
     */
    Leaf leafOf(Mat a, Leaf previous) {
        if (previous != null && previous.a == a) {
            touch(previous);
            return previous;
        }
        return outputs.contains(a.w) ? null : leaf(a);
    }

    /** The record for leaf {@code a}, made on first use. */
    private Leaf leaf(Mat a) {
        Leaf leaf = leaves.get(a);
        if (leaf == null) {
            leaf = new Leaf(a);
            leaves.put(a, leaf);
            allocations++;
        }
        touch(leaf);
        return leaf;
    }

    private void touch(Leaf leaf) {
        if (leaf.sequence != sequence) {
            leaf.sequence = sequence;
            usedThisSequence++;
        }
    }

    /** Appends the columns of Δ = out.dw and of b: the backward step of out = a·b, applied later. */
    void add(Leaf leaf, Mat out, Mat b) {
        int m = out.rows;
        int inner = b.rows;
        int n = out.cols;
        int k = leaf.rows;
        if (k + n > leaf.capacity) grow(leaf, m, inner, Math.max(k + n, 2 * leaf.capacity));
        if (k == 0) {
            if (pendingCount == pending.length) pending = Arrays.copyOf(pending, 2 * pendingCount);
            pending[pendingCount++] = leaf;
        }
        appendColumns(out.dw, 0, m, n, leaf.deltas, leaf.capacity, k);
        appendColumns(b.w, b.offset, inner, n, leaf.inputs, leaf.capacity, k);
        leaf.rows = k + n;
    }

    /** Copies the rows×n block at src into columns k … k+n−1 of dst (row length ld). */
    private static void appendColumns(float[] src, int off, int rows, int n, float[] dst, int ld, int k) {
        if (n == 1) {
            for (int r = 0; r < rows; r++) dst[r * ld + k] = src[off + r];
        } else {
            for (int r = 0; r < rows; r++) System.arraycopy(src, off + r * n, dst, r * ld + k, n);
        }
    }

    /** Widens a leaf's rows to {@code capacity} columns, keeping the columns it holds. */
    private void grow(Leaf leaf, int m, int inner, int capacity) {
        leaf.deltas = widen(leaf.deltas, m, leaf.rows, leaf.capacity, capacity);
        leaf.inputs = widen(leaf.inputs, inner, leaf.rows, leaf.capacity, capacity);
        leaf.capacity = capacity;
        allocations++;
    }

    private static float[] widen(float[] old, int rows, int used, int oldLd, int ld) {
        float[] wider = new float[rows * ld];
        for (int r = 0; r < rows && used > 0; r++) System.arraycopy(old, r * oldLd, wider, r * ld, used);
        return wider;
    }

    /** a.dw += [Δ_1 … Δ_T]·[b_1 … b_T]ᵀ for every leaf that backward reached, then forgets the factors. */
    void apply(Kernels k) {
        for (int i = 0; i < pendingCount; i++) {
            Leaf leaf = pending[i];
            Mat a = leaf.a;
            k.matMul().gemm(false, true, a.rows, a.cols, leaf.rows, 1f, leaf.deltas, 0, leaf.capacity, leaf.inputs,
                    0, leaf.capacity, 1f, a.dw, a.offset, a.cols);
            leaf.rows = 0;
            pending[i] = null;
        }
        pendingCount = 0;
    }

    /** A new sequence; leaves unused for a whole sequence are dropped when they outnumber the used ones. */
    void reset() {
        if (leaves.size() > 2 * usedThisSequence + 16) {
            long last = sequence;
            leaves.values().removeIf(leaf -> leaf.sequence != last);
        }
        sequence++;
        usedThisSequence = 0;
    }
}
