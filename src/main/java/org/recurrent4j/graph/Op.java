package org.recurrent4j.graph;

import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * One slot of the tape: the op's output buffer, kept across {@link Graph#reset()} so that the same op position
 * reuses it, and the record of how to send the output's gradient back. A plain mutable object, reused in place,
 * so that recording allocates nothing.
 */
final class Op {
    static final int ROW_PLUCK = 1;
    static final int ROW_PLUCK_BATCH = 2;
    static final int TANH = 3;
    static final int SIGMOID = 4;
    static final int RELU = 5;
    static final int MUL = 6;
    static final int ADD = 7;
    static final int ELTMUL = 8;
    static final int CONCAT = 9;
    static final int SCALE = 10;
    static final int ADD_SCALAR = 11;
    static final int LSTM_CELL = 12;

    /** x = [1]: a strided column times this 1-vector, added into a row, is a scatter-add done by gemv. */
    private static final float[] ONE = {1f};

    /** The output buffer of this tape position; replaced only when the shape at this position changes. */
    Mat out;
    int code;
    Mat a;
    Mat b;
    /** The inputs of add and concat, the first {@code count} entries. */
    Mat[] inputs = new Mat[0];
    int count;
    float c;
    int index;
    /** The per-column indices of a batched row pluck, the first {@code out.cols} entries. */
    int[] indices = new int[0];
    /** Scratch kept for backward by fused ops (see {@link LstmCell}), reused across sequences. */
    float[] work = new float[0];

    /** For a product whose left operand is a leaf, where its weight gradient is gathered; null otherwise. */
    DeferredProducts.Leaf leaf;

    /** Sends out.dw back into the inputs' dw, accumulating; a leaf's weight gradient goes to {@code deferred}. */
    void backward(Kernels k, DeferredProducts deferred) {
        Mat o = out;
        int n = o.rows * o.cols;
        switch (code) {
            case ROW_PLUCK -> k.elementWise().add(n, a.dw, a.offset + index * a.cols, o.dw, 0,
                    a.dw, a.offset + index * a.cols);
            case ROW_PLUCK_BATCH -> {
                int d = o.rows;
                int batch = o.cols;
                for (int j = 0; j < batch; j++) {
                    // row indices[j] of a.dw += column j of Δ (a d×1 matrix with leading dimension batch)
                    k.matMul().gemv(false, d, 1, 1f, o.dw, j, batch, ONE, 0, 1f, a.dw, a.offset + indices[j] * d);
                }
            }
            case TANH -> k.activations().tanhBackward(n, o.w, 0, o.dw, 0, a.dw, a.offset);
            case SIGMOID -> k.activations().sigmoidBackward(n, o.w, 0, o.dw, 0, a.dw, a.offset);
            case RELU -> k.activations().reluBackward(n, o.w, 0, o.dw, 0, a.dw, a.offset);
            case MUL -> mulBackward(k, deferred);
            case ADD -> {
                for (int i = 0; i < count; i++) {
                    Mat m = inputs[i];
                    if (m.cols == o.cols) {
                        k.elementWise().add(n, m.dw, m.offset, o.dw, 0, m.dw, m.offset);
                    } else {
                        k.elementWise().sumColumns(o.rows, o.cols, o.dw, 0, o.cols, m.dw, m.offset);
                    }
                }
            }
            case ELTMUL -> {
                k.elementWise().mulAdd(n, b.w, b.offset, o.dw, 0, a.dw, a.offset);
                k.elementWise().mulAdd(n, a.w, a.offset, o.dw, 0, b.dw, b.offset);
            }
            case CONCAT -> {
                int pos = 0;
                for (int i = 0; i < count; i++) {
                    Mat m = inputs[i];
                    int size = m.rows * m.cols;
                    k.elementWise().add(size, m.dw, m.offset, o.dw, pos, m.dw, m.offset);
                    pos += size;
                }
            }
            case SCALE -> k.elementWise().axpy(n, c, o.dw, 0, a.dw, a.offset);
            case ADD_SCALAR -> k.elementWise().add(n, a.dw, a.offset, o.dw, 0, a.dw, a.offset);
            case LSTM_CELL -> LstmCell.backward(k, this);
            default -> throw new IllegalStateException("unknown op code " + code);
        }
    }

    /** out = a·b with a m×k and b k×n: a.dw += Δ·bᵀ (now, or gathered for a leaf), b.dw += aᵀ·Δ. */
    private void mulBackward(Kernels k, DeferredProducts deferred) {
        int m = a.rows;
        int inner = a.cols;
        int n = b.cols;
        if (leaf != null) {
            deferred.add(leaf, out, b);
        } else if (n == 1) {
            // Δ·bᵀ is an outer product: read the column b as a 1×inner row, so that rows of C are axpys on it.
            k.matMul().gemm(false, false, m, inner, 1, 1f, out.dw, 0, 1, b.w, b.offset, inner, 1f, a.dw, a.offset,
                    inner);
        } else {
            k.matMul().gemm(false, true, m, inner, n, 1f, out.dw, 0, n, b.w, b.offset, n, 1f, a.dw, a.offset, inner);
        }
        if (n == 1) {
            k.matMul().gemv(true, m, inner, 1f, a.w, a.offset, inner, out.dw, 0, 1f, b.dw, b.offset);
        } else {
            k.matMul().gemm(true, false, inner, n, m, 1f, a.w, a.offset, inner, out.dw, 0, n, 1f, b.dw, b.offset, n);
        }
    }
}
