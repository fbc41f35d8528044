package org.recurrent4j.graph;

import java.util.Arrays;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.kernel.PackedB;
import org.recurrent4j.kernel.Recurrence;
import org.recurrent4j.tensor.Mat;

/**
 * Ops over a whole sequence at once, on step-major rows: a sequence matrix has one row per sequence and step,
 * row t·batch + b holding sequence b at step t. What does not depend on the previous step (the input
 * projections and the decoder of every step, the weight gradients over all steps) is one large product; only
 * the recurrent product and the cell run step by step, in {@link Recurrence}.
 */
final class SequenceOps {
    private SequenceOps() {}

    /**
     * out (N×o) = x·wᵀ + bᵀ for x (N×i), w (o×i) and an optional bias b (o×1): one dense layer applied to every
     * row. Backward: w.dw += Δᵀ·x, b.dw += the column sums of Δ, x.dw += Δ·w.
     */
    static final class Linear extends Op {
        Mat x;
        Mat w;
        Mat b;

        Mat forward(Kernels k, Mat in, Mat weights, Mat bias) {
            int n = in.rows, i = in.cols, o = weights.rows;
            k.matMul().gemm(false, true, n, o, i, 1f, in.w, in.offset, i, weights.w, weights.offset, i, 0f, out.w, 0,
                    o);
            if (bias != null) k.elementWise().addRowVector(n, o, bias.w, bias.offset, out.w, 0, o);
            x = in;
            w = weights;
            b = bias;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int n = x.rows, i = x.cols, o = w.rows;
            k.matMul().gemm(true, false, o, i, n, 1f, out.dw, 0, o, x.w, x.offset, i, 1f, w.dw, w.offset, i);
            if (b != null) k.elementWise().sumRows(n, o, out.dw, 0, o, b.dw, b.offset);
            k.matMul().gemm(false, false, n, i, o, 1f, out.dw, 0, o, w.w, w.offset, i, 1f, x.dw, x.offset, i);
        }
    }

    /**
     * out (N×o) row i = row indices[i] of (table·wᵀ + bᵀ): {@link Linear} applied to embedded rows, with the
     * product taken once per row of the table (V×i) instead of once per row of the sequence. Backward: the rows
     * of Δ are summed per index into the table's gradient of the product, dT (V×o); then w.dw += dTᵀ·table,
     * table.dw += dT·w and b.dw += the column sums of dT.
     */
    static final class EmbedLinear extends Op {
        Mat table;
        Mat w;
        Mat b;
        int[] indices = new int[0];
        int count;
        float[] projected = new float[0];
        float[] dProjected = new float[0];

        Mat forward(Kernels k, Mat embedding, int[] ix, Mat weights, Mat bias) {
            int v = embedding.rows, i = embedding.cols, o = weights.rows;
            table = embedding;
            w = weights;
            b = bias;
            if (projected.length < v * o) {
                projected = new float[v * o];
                dProjected = new float[v * o];
                grown++;
            }
            k.matMul().gemm(false, true, v, o, i, 1f, embedding.w, embedding.offset, i, weights.w, weights.offset, i,
                    0f, projected, 0, o);
            if (bias != null) k.elementWise().addRowVector(v, o, bias.w, bias.offset, projected, 0, o);
            for (int r = 0; r < ix.length; r++) System.arraycopy(projected, ix[r] * o, out.w, r * o, o);
            if (indices.length < ix.length) indices = new int[ix.length];
            System.arraycopy(ix, 0, indices, 0, ix.length);
            count = ix.length;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int v = table.rows, i = table.cols, o = w.rows;
            Arrays.fill(dProjected, 0, v * o, 0f);
            for (int r = 0; r < count; r++) {
                int at = indices[r] * o;
                k.elementWise().add(o, dProjected, at, out.dw, r * o, dProjected, at);
            }
            k.matMul().gemm(true, false, o, i, v, 1f, dProjected, 0, o, table.w, table.offset, i, 1f, w.dw, w.offset,
                    i);
            k.matMul().gemm(false, false, v, i, o, 1f, dProjected, 0, o, w.w, w.offset, i, 1f, table.dw,
                    table.offset, i);
            if (b != null) k.elementWise().sumRows(v, o, dProjected, 0, o, b.dw, b.offset);
        }
    }

    /**
     * What the three recurrent layers share: the output is every hidden state, the initial one first
     * ((steps + 1)·batch rows of h, of which the graph hands out the last steps·batch), the initial state comes
     * in and the last one goes out in the per-step orientation (h×batch), and the pre-activations are copied
     * before the time loop overwrites them with activations.
     */
    abstract static class Layer extends Op {
        Mat pre;
        Mat wh;
        Mat h0;
        int batch;
        int steps;
        int h;
        float[] g = new float[0];
        float[] dg = new float[0];
        float[] dh = new float[0];
        float[] scratch = new float[0];
        PackedB forwardWeights;
        PackedB backwardWeights;

        /** Sizes the buffers, copies the pre-activations and puts h₀ (h×batch) into the output's first rows. */
        void start(Mat preActivations, Mat recurrent, Mat initial, int rowsPerStep) {
            pre = preActivations;
            wh = recurrent;
            h0 = initial;
            batch = rowsPerStep;
            h = initial.rows;
            steps = pre.rows / batch;
            g = fit(g, pre.size());
            dg = fit(dg, pre.size());
            dh = fit(dh, batch * h);
            scratch = fit(scratch, batch * h);
            System.arraycopy(pre.w, pre.offset, g, 0, pre.size());
            transposeIn(initial, out.w);
        }

        /** The gradient of the pre-activations into pre.dw, and h₀'s into h0.dw. */
        void finish(Kernels k) {
            k.elementWise().add(pre.size(), pre.dw, pre.offset, dg, 0, pre.dw, pre.offset);
            transposeAddOut(dh, h0);
        }

        float[] fit(float[] a, int size) {
            if (a.length >= size) return a;
            grown++;
            return new float[size];
        }

        /** Rows 0 … batch − 1 of {@code rows} (batch×h) = the h×batch matrix m, transposed. */
        void transposeIn(Mat m, float[] rows) {
            for (int r = 0; r < h; r++) {
                for (int b = 0; b < batch; b++) rows[b * h + r] = m.w[m.offset + r * batch + b];
            }
        }

        /** The h×batch matrix {@code into} = the batch×h block of {@code rows} from row {@code first}, transposed. */
        void transposeOut(float[] rows, int first, Mat into) {
            if (into == null) return;
            for (int r = 0; r < h; r++) {
                for (int b = 0; b < batch; b++) into.w[into.offset + r * batch + b] = rows[(first + b) * h + r];
            }
        }

        /** m.dw (h×batch) += rows (batch×h), transposed. */
        void transposeAddOut(float[] rows, Mat m) {
            for (int r = 0; r < h; r++) {
                for (int b = 0; b < batch; b++) m.dw[m.offset + r * batch + b] += rows[b * h + r];
            }
        }
    }

    /** An LSTM layer over a sequence: pre holds [i f o ĉ] rows (N×4h), wh is 4h×h. */
    static final class LstmLayer extends Layer {
        Mat c0;
        float[] cs = new float[0];
        float[] tanhC = new float[0];
        float[] dc = new float[0];

        Mat forward(Kernels k, Mat preActivations, Mat recurrent, Mat hInit, Mat cInit, int rowsPerStep, Mat hLast,
                    Mat cLast) {
            start(preActivations, recurrent, hInit, rowsPerStep);
            c0 = cInit;
            cs = fit(cs, out.size());
            tanhC = fit(tanhC, steps * batch * h);
            dc = fit(dc, batch * h);
            transposeIn(cInit, cs);
            forwardWeights = k.matMul().pack(true, h, 4 * h, wh.w, wh.offset, h, forwardWeights);
            Recurrence.lstmForward(k, steps, batch, h, g, forwardWeights, out.w, cs, tanhC);
            transposeOut(out.w, steps * batch, hLast);
            transposeOut(cs, steps * batch, cLast);
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            Arrays.fill(dh, 0, batch * h, 0f);
            Arrays.fill(dc, 0, batch * h, 0f);
            backwardWeights = k.matMul().pack(false, 4 * h, h, wh.w, wh.offset, h, backwardWeights);
            Recurrence.lstmBackward(k, steps, batch, h, g, cs, tanhC, backwardWeights, out.dw, dg, dh, dc, scratch);
            k.matMul().gemm(true, false, 4 * h, h, steps * batch, 1f, dg, 0, 4 * h, out.w, 0, h, 1f, wh.dw,
                    wh.offset, h);
            finish(k);
            transposeAddOut(dc, c0);
        }
    }

    /** A GRU layer (reset before the product) over a sequence: pre holds [u r ĉ] rows (N×3h), wh is 3h×h. */
    static final class GruLayer extends Layer {
        float[] rh = new float[0];
        float[] drh = new float[0];
        PackedB forwardCandidate;
        PackedB backwardCandidate;

        Mat forward(Kernels k, Mat preActivations, Mat recurrent, Mat hInit, int rowsPerStep, Mat hLast) {
            start(preActivations, recurrent, hInit, rowsPerStep);
            rh = fit(rh, steps * batch * h);
            drh = fit(drh, batch * h);
            forwardWeights = k.matMul().pack(true, h, 2 * h, wh.w, wh.offset, h, forwardWeights);
            forwardCandidate = k.matMul().pack(true, h, h, wh.w, wh.offset + 2 * h * h, h, forwardCandidate);
            Recurrence.gruForward(k, steps, batch, h, g, forwardWeights, forwardCandidate, out.w, rh);
            transposeOut(out.w, steps * batch, hLast);
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            Arrays.fill(dh, 0, batch * h, 0f);
            backwardWeights = k.matMul().pack(false, 2 * h, h, wh.w, wh.offset, h, backwardWeights);
            backwardCandidate = k.matMul().pack(false, h, h, wh.w, wh.offset + 2 * h * h, h, backwardCandidate);
            Recurrence.gruBackward(k, steps, batch, h, g, out.w, backwardWeights, backwardCandidate, out.dw, dg, dh,
                    scratch, drh);
            int n = steps * batch;
            k.matMul().gemm(true, false, 2 * h, h, n, 1f, dg, 0, 3 * h, out.w, 0, h, 1f, wh.dw, wh.offset, h);
            k.matMul().gemm(true, false, h, h, n, 1f, dg, 2 * h, 3 * h, rh, 0, h, 1f, wh.dw, wh.offset + 2 * h * h, h);
            finish(k);
        }
    }

    /** A vanilla RNN layer over a sequence: pre holds rows of h, wh is h×h, relu or tanh. */
    static final class RnnLayer extends Layer {
        boolean relu;

        Mat forward(Kernels k, Mat preActivations, Mat recurrent, Mat hInit, int rowsPerStep, boolean useRelu,
                    Mat hLast) {
            start(preActivations, recurrent, hInit, rowsPerStep);
            relu = useRelu;
            forwardWeights = k.matMul().pack(true, h, h, wh.w, wh.offset, h, forwardWeights);
            Recurrence.rnnForward(k, steps, batch, h, relu, g, forwardWeights, out.w);
            transposeOut(out.w, steps * batch, hLast);
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            Arrays.fill(dh, 0, batch * h, 0f);
            backwardWeights = k.matMul().pack(false, h, h, wh.w, wh.offset, h, backwardWeights);
            Recurrence.rnnBackward(k, steps, batch, h, relu, out.w, backwardWeights, out.dw, dg, dh, scratch);
            k.matMul().gemm(true, false, h, h, steps * batch, 1f, dg, 0, h, out.w, 0, h, 1f, wh.dw, wh.offset, h);
            finish(k);
        }
    }
}
