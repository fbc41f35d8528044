package org.recurrent4j.graph;

import java.util.Arrays;
import java.util.List;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * The expression graph (tape) with reverse-mode automatic differentiation, as in RecurrentJS. Every op computes
 * its output eagerly; when {@code needsBackprop} is set it also records how to send the output's gradient back,
 * and {@link #backward()} replays the records in reverse, accumulating (+=) into the inputs' {@code dw}.
 *
 * <p>A graph is reused across sequences: {@link #reset()} empties the tape but keeps its buffers, so the next
 * sequence of the same shapes allocates nothing. Matrices returned by ops are owned by the graph and are valid
 * until the next {@code reset()}: after it, the same op position writes into the same matrix, so a result that
 * must outlive the sequence (a state carried over, a sample's logits) has to be copied. A graph is used by one
 * thread at a time.
 *
 * <p>The weight gradient of a product whose left operand is not an op output (a parameter) is gathered over the
 * whole backward pass and applied at its end as one product per weight (see {@link DeferredProducts}), so that
 * the time steps of a sequence share one GEMM instead of making one outer product each.
 */
public final class Graph {
    private final boolean needsBackprop;
    private final Kernels kernels;
    /** The arena: op i of a sequence uses tape[i], its output buffer included. */
    private Op[] tape = new Op[64];
    private int size;
    /** The arena of row-block views: the i-th view of a sequence reuses views[i] when it views the same rows. */
    private Mat[] views = new Mat[16];
    private int viewCount;
    private int allocations;
    private final DeferredProducts deferred = new DeferredProducts();
    /** Scratch for the fixed-arity overloads, so that they allocate no varargs array. */
    private final Mat[] pair = new Mat[3];
    /** Scratch for the list overloads, grown on demand. */
    private Mat[] scratch = new Mat[4];
    private final int[] oneTarget = new int[1];
    private float[] losses = new float[1];

    /** A graph that records for backpropagation. */
    public Graph() {
        this(true);
    }

    /** A graph that records for backpropagation when {@code needsBackprop} is set, and only computes otherwise. */
    public Graph(boolean needsBackprop) {
        this(needsBackprop, Kernels.get());
    }

    /** A graph on a specific kernel set (tests compare the scalar and vector sets). */
    Graph(boolean needsBackprop, Kernels kernels) {
        this.needsBackprop = needsBackprop;
        this.kernels = kernels;
    }

    /** Whether ops are recorded for {@link #backward()}. */
    public boolean needsBackprop() {
        return needsBackprop;
    }

    /** out (d×1) = row {@code ix} of m (n×d), as a column. Backward: m.dw[ix, :] += Δᵀ. */
    public Mat rowPluck(Mat m, int ix) {
        checkRow(m, ix, -1);
        Op op = next(Op.ROW_PLUCK, m.cols, 1);
        System.arraycopy(m.w, m.offset + ix * m.cols, op.out.w, 0, m.cols);
        if (needsBackprop) {
            op.a = m;
            op.index = ix;
        }
        return op.out;
    }

    /** Batched pluck: column j of out (d×B) = row {@code ix[j]} of m. */
    public Mat rowPluck(Mat m, int[] ix) {
        if (ix.length == 0) throw new IllegalArgumentException("rowPluck: needs at least one index");
        if (ix.length == 1) return rowPluck(m, ix[0]);
        for (int j = 0; j < ix.length; j++) checkRow(m, ix[j], j);
        int d = m.cols;
        int batch = ix.length;
        Op op = next(Op.ROW_PLUCK_BATCH, d, batch);
        float[] o = op.out.w;
        for (int j = 0; j < batch; j++) {
            int src = m.offset + ix[j] * d;
            for (int r = 0; r < d; r++) o[r * batch + j] = m.w[src + r];
        }
        if (needsBackprop) {
            op.a = m;
            if (op.indices.length < batch) op.indices = new int[batch];
            System.arraycopy(ix, 0, op.indices, 0, batch);
        }
        return op.out;
    }

    /**
     * Rows [firstRow, firstRow + count) of m, without a copy: a view sharing m's values and gradients, so nothing
     * is recorded and backward has nothing to do for it. Lets one fused product serve several gates. The view is
     * owned by the graph like any op output: the same call position after {@link #reset()} returns the same Mat
     * when it views the same buffer.
     */
    public Mat rowBlock(Mat m, int firstRow, int count) {
        if (firstRow < 0 || count < 1 || firstRow + count > m.rows) {
            throw new IllegalArgumentException("rowBlock: rows " + firstRow + ".." + (firstRow + count - 1)
                    + " outside " + m.shape());
        }
        if (viewCount == views.length) views = Arrays.copyOf(views, viewCount * 2);
        Mat view = views[viewCount];
        // A parent op whose shape changed has a new buffer: the old view would show stale values.
        if (view == null || view.w != m.w || view.offset != m.offset + firstRow * m.cols || view.rows != count
                || view.cols != m.cols) {
            view = m.rowBlock(firstRow, count);
            views[viewCount] = view;
            allocations++;
        }
        viewCount++;
        return view;
    }

    /** Element-wise tanh. Backward: m.dw += (1 − out²) ⊙ Δ. */
    public Mat tanh(Mat m) {
        Op op = next(Op.TANH, m.rows, m.cols);
        kernels.activations().tanh(m.size(), m.w, m.offset, op.out.w, 0);
        if (needsBackprop) op.a = m;
        return op.out;
    }

    /** Element-wise logistic sigmoid 1/(1+e^−m). Backward: m.dw += out ⊙ (1 − out) ⊙ Δ. */
    public Mat sigmoid(Mat m) {
        Op op = next(Op.SIGMOID, m.rows, m.cols);
        kernels.activations().sigmoid(m.size(), m.w, m.offset, op.out.w, 0);
        if (needsBackprop) op.a = m;
        return op.out;
    }

    /** Element-wise max(0, m). Backward: m.dw += (m > 0 ? Δ : 0). */
    public Mat relu(Mat m) {
        Op op = next(Op.RELU, m.rows, m.cols);
        kernels.activations().relu(m.size(), m.w, m.offset, op.out.w, 0);
        if (needsBackprop) op.a = m;
        return op.out;
    }

    /** The matrix product a·b. */
    public Mat mul(Mat a, Mat b) {
        if (a.cols != b.rows) throw new IllegalArgumentException("mul: " + a.shape() + " · " + b.shape());
        int n = b.cols;
        Op op = next(Op.MUL, a.rows, n);
        if (n == 1) {
            kernels.matMul().gemv(false, a.rows, a.cols, 1f, a.w, a.offset, a.cols, b.w, b.offset, 0f, op.out.w, 0);
        } else {
            kernels.matMul().gemm(false, false, a.rows, n, a.cols, 1f, a.w, a.offset, a.cols, b.w, b.offset, n,
                    0f, op.out.w, 0, n);
        }
        if (needsBackprop) {
            op.a = a;
            op.b = b;
            op.leaf = deferred.leafOf(a, op.leaf);
        }
        return op.out;
    }

    /** a + b; see {@link #add(Mat...)}. Allocates no argument array. */
    public Mat add(Mat a, Mat b) {
        pair[0] = a;
        pair[1] = b;
        return add(pair, 2);
    }

    /** a + b + c; see {@link #add(Mat...)}. Allocates no argument array. */
    public Mat add(Mat a, Mat b, Mat c) {
        pair[0] = a;
        pair[1] = b;
        pair[2] = c;
        return add(pair, 3);
    }

    /**
     * The sum of one or more matrices of the same shape; an n×1 operand is broadcast across the columns of an
     * n×B sum (a bias over a batch), and its gradient sums over the columns.
     */
    public Mat add(Mat... ms) {
        return add(ms, ms.length);
    }

    private Mat add(Mat[] ms, int count) {
        if (count == 0) throw new IllegalArgumentException("add: needs at least one input");
        Mat widest = ms[0];
        for (int i = 1; i < count; i++) if (ms[i].cols > widest.cols) widest = ms[i];
        int rows = widest.rows;
        int batch = widest.cols;
        for (int i = 0; i < count; i++) {
            Mat m = ms[i];
            if (m.rows != rows || (m.cols != batch && m.cols != 1)) {
                throw new IllegalArgumentException("add: " + widest.shape() + " + " + m.shape());
            }
        }
        Op op = next(Op.ADD, rows, batch);
        float[] o = op.out.w;
        int n = rows * batch;
        // Full-shape operands first (the first two in one pass), then the broadcast columns.
        Mat first = null;
        boolean started = false;
        for (int i = 0; i < count; i++) {
            Mat m = ms[i];
            if (m.cols != batch) continue;
            if (first == null) {
                first = m;
            } else if (!started) {
                kernels.elementWise().add(n, first.w, first.offset, m.w, m.offset, o, 0);
                started = true;
            } else {
                kernels.elementWise().add(n, o, 0, m.w, m.offset, o, 0);
            }
        }
        if (!started) System.arraycopy(first.w, first.offset, o, 0, n);
        for (int i = 0; i < count; i++) {
            Mat m = ms[i];
            if (m.cols != batch) kernels.elementWise().addColumnVector(rows, batch, m.w, m.offset, o, 0, batch);
        }
        if (needsBackprop) recordInputs(op, ms, count);
        return op.out;
    }

    /** The element-wise product a ⊙ b (same shapes). */
    public Mat eltmul(Mat a, Mat b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("eltmul: " + a.shape() + " ⊙ " + b.shape());
        Op op = next(Op.ELTMUL, a.rows, a.cols);
        kernels.elementWise().mul(a.size(), a.w, a.offset, b.w, b.offset, op.out.w, 0);
        if (needsBackprop) {
            op.a = a;
            op.b = b;
        }
        return op.out;
    }

    /** [a; b]; see {@link #concat(Mat...)}. Allocates no argument array. */
    public Mat concat(Mat a, Mat b) {
        pair[0] = a;
        pair[1] = b;
        return concat(pair, 2);
    }

    /** The vertical stack of the inputs (same column count). */
    public Mat concat(Mat... ms) {
        return concat(ms, ms.length);
    }

    /** The vertical stack of the listed inputs; see {@link #concat(Mat...)}. Allocates no argument array. */
    public Mat concat(List<Mat> ms) {
        int count = ms.size();
        if (scratch.length < count) scratch = new Mat[count];
        for (int i = 0; i < count; i++) scratch[i] = ms.get(i);
        Mat out = concat(scratch, count);
        Arrays.fill(scratch, 0, count, null);
        return out;
    }

    private Mat concat(Mat[] ms, int count) {
        if (count == 0) throw new IllegalArgumentException("concat: needs at least one input");
        int cols = ms[0].cols;
        int rows = 0;
        for (int i = 0; i < count; i++) {
            Mat m = ms[i];
            if (m.cols != cols) {
                throw new IllegalArgumentException("concat: " + ms[0].shape() + " above " + m.shape()
                        + " (column counts differ)");
            }
            rows += m.rows;
        }
        Op op = next(Op.CONCAT, rows, cols);
        // Row-major: the stacked blocks are contiguous in the output.
        int pos = 0;
        for (int i = 0; i < count; i++) {
            Mat m = ms[i];
            System.arraycopy(m.w, m.offset, op.out.w, pos, m.size());
            pos += m.size();
        }
        if (needsBackprop) recordInputs(op, ms, count);
        return op.out;
    }

    /**
     * The fused LSTM cell: {@code pre} holds the pre-activations of the gates i, f, o and the cell write ĉ as four
     * H×B row blocks (4H×B), {@code cPrev} is c₋₁ (H×B). Returns the 2H×B matrix [c; h] with
     * c = σ(pre_f) ⊙ c₋₁ + σ(pre_i) ⊙ tanh(pre_ĉ) and h = σ(pre_o) ⊙ tanh(c); take c and h with
     * {@link #rowBlock}. Equal to the composition of sigmoid, tanh, eltmul and add, in one op each way.
     */
    public Mat lstmCell(Mat pre, Mat cPrev) {
        int h = cPrev.rows;
        if (pre.rows != 4 * h || pre.cols != cPrev.cols) {
            throw new IllegalArgumentException("lstmCell: " + pre.shape() + " gates, " + cPrev.shape()
                    + " cell (gates must be 4H×B for an H×B cell)");
        }
        Op op = next(Op.LSTM_CELL, 2 * h, pre.cols);
        int n = cPrev.size();
        if (op.work.length < LstmCell.workSize(n)) {
            op.work = new float[LstmCell.workSize(n)];
            allocations++;
        }
        op.a = pre;
        op.b = cPrev;
        LstmCell.forward(kernels, op, n);
        return op.out;
    }

    /** c·m. */
    public Mat scale(Mat m, float c) {
        Op op = next(Op.SCALE, m.rows, m.cols);
        System.arraycopy(m.w, m.offset, op.out.w, 0, m.size());
        kernels.elementWise().scale(m.size(), c, op.out.w, 0);
        if (needsBackprop) {
            op.a = m;
            op.c = c;
        }
        return op.out;
    }

    /** m + c. */
    public Mat addScalar(Mat m, float c) {
        Op op = next(Op.ADD_SCALAR, m.rows, m.cols);
        kernels.elementWise().fill(m.size(), c, op.out.w, 0);
        kernels.elementWise().add(m.size(), op.out.w, 0, m.w, m.offset, op.out.w, 0);
        if (needsBackprop) op.a = m;
        return op.out;
    }

    /** The single-column form of {@link #softmaxCrossEntropy(Mat, int...)}; allocates no target array. */
    public double softmaxCrossEntropy(Mat logits, int target) {
        oneTarget[0] = target;
        return softmaxCrossEntropy(logits, oneTarget);
    }

    /**
     * The loss step of the seed, fused: for each column j of the logits, writes logits.dw[:, j] =
     * softmax(column) − onehot(targets[j]) and returns Σ_j −log softmax(column)[targets[j]] in nats. A negative
     * target masks its column (zero gradient, no loss).
     */
    public double softmaxCrossEntropy(Mat logits, int... targets) {
        if (targets.length != logits.cols) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + logits.shape() + " logits need "
                    + logits.cols + " targets, got " + targets.length);
        }
        for (int j = 0; j < targets.length; j++) {
            if (targets[j] >= logits.rows) {
                throw new IllegalArgumentException("softmaxCrossEntropy: target " + targets[j] + " of column " + j
                        + " outside 0.." + (logits.rows - 1) + " of " + logits.shape());
            }
        }
        if (losses.length < logits.cols) losses = new float[logits.cols];
        return kernels.softmax().crossEntropy(logits.rows, logits.cols, logits.w, logits.offset, targets, 0,
                logits.dw, logits.offset, losses, 0);
    }

    /** Replays the tape in reverse; throws IllegalStateException on a graph built without backprop. */
    public void backward() {
        if (!needsBackprop) {
            throw new IllegalStateException("backward: this graph was built with needsBackprop = false, "
                    + "so it recorded nothing to replay");
        }
        for (int i = size - 1; i >= 0; i--) tape[i].backward(kernels, deferred);
        deferred.apply(kernels);
    }

    /** Empties the tape, keeping its buffers for the next sequence. */
    public void reset() {
        size = 0;
        viewCount = 0;
        deferred.reset();
    }

    /** The number of ops on the tape since the last reset. */
    int size() {
        return size;
    }

    /**
     * How many output buffers, work arrays and views the arena has allocated in this graph's life: constant once
     * sequences of the same shapes repeat.
     */
    public int allocations() {
        return allocations + deferred.allocations;
    }

    /** The deferred weight gradients, for tests. */
    DeferredProducts deferred() {
        return deferred;
    }

    /** The next tape slot, its output buffer shaped rows×cols with a zero gradient. */
    private Op next(int code, int rows, int cols) {
        if (size == tape.length) tape = Arrays.copyOf(tape, size * 2);
        Op op = tape[size];
        if (op == null) {
            op = new Op();
            tape[size] = op;
        }
        Mat out = op.out;
        if (out == null || out.rows != rows || out.cols != cols) {
            Mat old = out;
            out = new Mat(rows, cols);
            deferred.outputReplaced(old, out);
            op.out = out;
            allocations++;
        } else if (needsBackprop) {
            out.zeroGrad();
        }
        op.code = code;
        size++;
        return op;
    }

    private static void recordInputs(Op op, Mat[] ms, int count) {
        if (op.inputs.length < count) op.inputs = new Mat[count];
        System.arraycopy(ms, 0, op.inputs, 0, count);
        op.count = count;
    }

    private static void checkRow(Mat m, int ix, int column) {
        if (ix < 0 || ix >= m.rows) {
            throw new IllegalArgumentException("rowPluck: index " + ix + (column >= 0 ? " (column " + column + ")" : "")
                    + " outside 0.." + (m.rows - 1) + " of " + m.shape());
        }
    }
}
