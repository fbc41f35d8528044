package org.recurrent4j.graph;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
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
        return next(PluckOps.RowPluck.class, PluckOps.RowPluck::new, m.cols, 1).forward(m, ix);
    }

    /** Batched pluck: column j of out (d×B) = row {@code ix[j]} of m. */
    public Mat rowPluck(Mat m, int[] ix) {
        if (ix.length == 0) throw new IllegalArgumentException("rowPluck: needs at least one index");
        if (ix.length == 1) return rowPluck(m, ix[0]);
        for (int j = 0; j < ix.length; j++) checkRow(m, ix[j], j);
        return next(PluckOps.RowPluckBatch.class, PluckOps.RowPluckBatch::new, m.cols, ix.length).forward(m, ix);
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
        return next(UnaryOps.Tanh.class, UnaryOps.Tanh::new, m.rows, m.cols).forward(kernels, m);
    }

    /** Element-wise logistic sigmoid 1/(1+e^−m). Backward: m.dw += out ⊙ (1 − out) ⊙ Δ. */
    public Mat sigmoid(Mat m) {
        return next(UnaryOps.Sigmoid.class, UnaryOps.Sigmoid::new, m.rows, m.cols).forward(kernels, m);
    }

    /** Element-wise max(0, m). Backward: m.dw += (m > 0 ? Δ : 0). */
    public Mat relu(Mat m) {
        return next(UnaryOps.Relu.class, UnaryOps.Relu::new, m.rows, m.cols).forward(kernels, m);
    }

    /**
     * Inverted dropout (docs/math.md#dropout): each element of m is kept with probability 1 − p and scaled by
     * 1/(1 − p), or set to zero, the mask drawn from {@code rng} in m's row-major order; so the expected output
     * is m. Backward: m.dw += mask ⊙ Δ. With p = 0 it returns m itself, draws nothing and records nothing.
     *
     * @throws IllegalArgumentException unless 0 ≤ p < 1
     */
    public Mat dropout(Mat m, float p, RandomGenerator rng) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        if (p == 0f) return m;
        UnaryOps.Dropout op = next(UnaryOps.Dropout.class, UnaryOps.Dropout::new, m.rows, m.cols);
        Mat out = op.forward(kernels, m, p, rng);
        allocations += take(op);
        return out;
    }

    /** The matrix product a·b. */
    public Mat mul(Mat a, Mat b) {
        if (a.cols != b.rows) throw new IllegalArgumentException("mul: " + a.shape() + " · " + b.shape());
        return next(Product.class, Product::new, a.rows, b.cols).forward(kernels, a, b, deferred, needsBackprop);
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
        return next(CombineOps.Add.class, CombineOps.Add::new, rows, batch).forward(kernels, ms, count);
    }

    /** The element-wise product a ⊙ b (same shapes). */
    public Mat eltmul(Mat a, Mat b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("eltmul: " + a.shape() + " ⊙ " + b.shape());
        return next(CombineOps.EltMul.class, CombineOps.EltMul::new, a.rows, a.cols).forward(kernels, a, b);
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
        return next(CombineOps.Concat.class, CombineOps.Concat::new, rows, cols).forward(ms, count);
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
        LstmCell op = next(LstmCell.class, LstmCell::new, 2 * h, pre.cols);
        if (!op.forward(kernels, pre, cPrev)) allocations++;
        return op.out;
    }

    // --- Sequence ops: step-major rows, row t·batch + b is sequence b at step t (see SequenceOps).

    /**
     * Row i of the result (N×d) = row {@code indices[i]} of {@code table} (n×d): the embeddings of a whole
     * sequence, one row per prediction. Backward: row indices[i] of table.dw += row i of Δ.
     */
    public Mat gatherRows(Mat table, int[] indices) {
        if (indices.length == 0) throw new IllegalArgumentException("gatherRows: needs at least one index");
        for (int i = 0; i < indices.length; i++) checkRow("gatherRows", table, indices[i], i);
        return next(PluckOps.GatherRows.class, PluckOps.GatherRows::new, indices.length, table.cols)
                .forward(table, indices);
    }

    /**
     * x·wᵀ + bᵀ: the dense layer w (o×i) with bias b (o×1, or null for none) applied to every row of x (N×i),
     * giving N×o. Backward: w.dw += Δᵀ·x, b.dw += the column sums of Δ, x.dw += Δ·w, each as one product.
     */
    public Mat linearRows(Mat x, Mat w, Mat b) {
        if (x.cols != w.cols || (b != null && (b.rows != w.rows || b.cols != 1))) {
            throw new IllegalArgumentException("linearRows: " + x.shape() + " · (" + w.shape() + ")ᵀ"
                    + (b == null ? "" : " + " + b.shape()));
        }
        return next(SequenceOps.Linear.class, SequenceOps.Linear::new, x.rows, w.rows).forward(kernels, x, w, b);
    }

    /**
     * {@code linearRows(gatherRows(table, indices), w, b)} computed as the rows of table·wᵀ + bᵀ that the indices
     * pick: with a vocabulary of V rows and N ≫ V indices, V·o·i multiply-adds instead of N·o·i, forward and
     * backward. Backward reaches table, w and b.
     */
    public Mat embedLinear(Mat table, int[] indices, Mat w, Mat b) {
        if (table.cols != w.cols || (b != null && (b.rows != w.rows || b.cols != 1)) || indices.length == 0) {
            throw new IllegalArgumentException("embedLinear: " + indices.length + " rows of " + table.shape() + " · ("
                    + w.shape() + ")ᵀ" + (b == null ? "" : " + " + b.shape()));
        }
        for (int i = 0; i < indices.length; i++) checkRow("embedLinear", table, indices[i], i);
        SequenceOps.EmbedLinear op = next(SequenceOps.EmbedLinear.class, SequenceOps.EmbedLinear::new,
                indices.length, w.rows);
        Mat out = op.forward(kernels, table, indices, w, b);
        allocations += take(op);
        return out;
    }

    /**
     * An LSTM layer over a sequence of {@code pre.rows / batch} steps: {@code pre} (N×4H) holds every step's input
     * pre-activations [i f o ĉ] (see {@link #linearRows}), {@code wh} (4H×H) is the recurrent matrix, {@code h0}
     * and {@code c0} (H×batch) the initial state. Returns every step's h as N×H rows. The last h and c are copied
     * into {@code hLast} and {@code cLast} (H×batch; either may be null, and either may be h0 or c0 itself): values
     * only, through which no gradient flows back. Backward reaches pre, wh, h0 and c0.
     */
    public Mat lstmLayer(Mat pre, Mat wh, Mat h0, Mat c0, int batch, Mat hLast, Mat cLast) {
        int h = checkLayer("lstmLayer", pre, wh, h0, batch, 4, hLast);
        checkState("lstmLayer", c0, h, batch);
        if (cLast != null) checkState("lstmLayer", cLast, h, batch);
        SequenceOps.LstmLayer op = next(SequenceOps.LstmLayer.class, SequenceOps.LstmLayer::new,
                pre.rows + batch, h);
        Mat all = op.forward(kernels, pre, wh, h0, c0, batch, hLast, cLast);
        allocations += take(op);
        return rowBlock(all, batch, pre.rows);
    }

    /**
     * A GRU layer (the reset applied before the recurrent product, as {@code Gru}) over a sequence: {@code pre}
     * (N×3H) holds the input pre-activations [u r ĉ], {@code wh} (3H×H) the recurrent matrix; otherwise as
     * {@link #lstmLayer}.
     */
    public Mat gruLayer(Mat pre, Mat wh, Mat h0, int batch, Mat hLast) {
        int h = checkLayer("gruLayer", pre, wh, h0, batch, 3, hLast);
        SequenceOps.GruLayer op = next(SequenceOps.GruLayer.class, SequenceOps.GruLayer::new, pre.rows + batch, h);
        Mat all = op.forward(kernels, pre, wh, h0, batch, hLast);
        allocations += take(op);
        return rowBlock(all, batch, pre.rows);
    }

    /** A vanilla RNN layer, h_t = relu or tanh(pre_t + Wh·h₋₁), over a sequence; otherwise as {@link #lstmLayer}. */
    public Mat rnnLayer(Mat pre, Mat wh, Mat h0, int batch, boolean relu, Mat hLast) {
        int h = checkLayer("rnnLayer", pre, wh, h0, batch, 1, hLast);
        SequenceOps.RnnLayer op = next(SequenceOps.RnnLayer.class, SequenceOps.RnnLayer::new, pre.rows + batch, h);
        Mat all = op.forward(kernels, pre, wh, h0, batch, relu, hLast);
        allocations += take(op);
        return rowBlock(all, batch, pre.rows);
    }

    /**
     * The loss step over rows, fused: for each row i of the logits, writes logits.dw[i, :] = scale·(softmax(row)
     * − onehot(targets[i])) and returns Σ_i −log softmax(row)[targets[i]] in nats, unscaled. A negative target
     * masks its row. Not recorded: the gradient is written at once, as {@link #softmaxCrossEntropy} does.
     */
    public double softmaxCrossEntropyRows(Mat logits, int[] targets, float scale) {
        if (targets.length != logits.rows) {
            throw new IllegalArgumentException("softmaxCrossEntropyRows: " + logits.shape() + " logits need "
                    + logits.rows + " targets, got " + targets.length);
        }
        if (losses.length < logits.rows) losses = new float[logits.rows];
        return kernels.softmax().crossEntropyRows(logits.rows, logits.cols, logits.w, logits.offset, targets, 0,
                scale, logits.dw, logits.offset, losses, 0);
    }

    private static int checkLayer(String op, Mat pre, Mat wh, Mat h0, int batch, int gates, Mat hLast) {
        int h = wh.cols;
        if (batch < 1 || pre.rows % batch != 0 || pre.rows == 0 || pre.cols != gates * h || wh.rows != gates * h) {
            throw new IllegalArgumentException(op + ": " + pre.shape() + " pre-activations, " + wh.shape()
                    + " recurrent matrix, batch " + batch + " (needs steps·batch rows of " + gates + "H and a "
                    + gates + "H×H matrix)");
        }
        checkState(op, h0, h, batch);
        if (hLast != null) checkState(op, hLast, h, batch);
        return h;
    }

    private static void checkState(String op, Mat m, int h, int batch) {
        if (m.rows != h || m.cols != batch) {
            throw new IllegalArgumentException(op + ": state " + m.shape() + ", expected " + h + "x" + batch);
        }
    }

    private static int take(Op op) {
        int n = op.grown;
        op.grown = 0;
        return n;
    }

    /** c·m. */
    public Mat scale(Mat m, float c) {
        return next(UnaryOps.Scale.class, UnaryOps.Scale::new, m.rows, m.cols).forward(kernels, m, c);
    }

    /** m + c. */
    public Mat addScalar(Mat m, float c) {
        return next(UnaryOps.AddScalar.class, UnaryOps.AddScalar::new, m.rows, m.cols).forward(kernels, m, c);
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

    /**
     * The next tape slot as an op of {@code type}, its output buffer shaped rows×cols with a zero gradient. The
     * slot keeps its op, and its buffer, while the same kind of op with the same shape comes back to it.
     */
    private <T extends Op> T next(Class<T> type, Supplier<T> make, int rows, int cols) {
        if (size == tape.length) tape = Arrays.copyOf(tape, size * 2);
        Op slot = tape[size];
        T op;
        if (type.isInstance(slot)) {
            op = type.cast(slot);
        } else {
            op = make.get();
            if (slot != null) op.out = slot.out; // the buffer belongs to the position
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
        size++;
        return op;
    }

    private static void checkRow(Mat m, int ix, int column) {
        checkRow("rowPluck", m, ix, column);
    }

    private static void checkRow(String op, Mat m, int ix, int column) {
        if (ix < 0 || ix >= m.rows) {
            throw new IllegalArgumentException(op + ": index " + ix + (column >= 0 ? " (column " + column + ")" : "")
                    + " outside 0.." + (m.rows - 1) + " of " + m.shape());
        }
    }
}
