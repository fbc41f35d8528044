package org.recurrent4j.graph;

import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/** The ops that read rows of a table (a character embedding): as columns for a step, as rows for a sequence. */
final class PluckOps {
    private PluckOps() {}

    /** x = [1]: a strided column times this 1-vector, added into a row, is a scatter-add done by gemv. */
    private static final float[] ONE = {1f};

    /** out (d×1) = row ix of m (n×d), as a column. Backward: m.dw[ix, :] += Δᵀ. */
    static final class RowPluck extends Op {
        Mat a;
        int index;

        Mat forward(Mat m, int ix) {
            System.arraycopy(m.w, m.offset + ix * m.cols, out.w, 0, m.cols);
            a = m;
            index = ix;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int row = a.offset + index * a.cols;
            k.elementWise().add(out.size(), a.dw, row, out.dw, 0, a.dw, row);
        }
    }

    /** Column j of out (d×B) = row ix[j] of m. Backward: row ix[j] of m.dw += column j of Δ. */
    static final class RowPluckBatch extends Op {
        Mat a;
        int[] indices = new int[0];

        Mat forward(Mat m, int[] ix) {
            int d = m.cols;
            int batch = ix.length;
            float[] o = out.w;
            for (int j = 0; j < batch; j++) {
                int src = m.offset + ix[j] * d;
                for (int r = 0; r < d; r++) o[r * batch + j] = m.w[src + r];
            }
            a = m;
            if (indices.length < batch) indices = new int[batch];
            System.arraycopy(ix, 0, indices, 0, batch);
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int d = out.rows;
            int batch = out.cols;
            for (int j = 0; j < batch; j++) {
                // row indices[j] of a.dw += column j of Δ (a d×1 matrix with leading dimension batch)
                k.matMul().gemv(false, d, 1, 1f, out.dw, j, batch, ONE, 0, 1f, a.dw, a.offset + indices[j] * d);
            }
        }
    }

    /** Row i of out (N×d) = row ix[i] of m: a sequence's embeddings, one row per prediction. Backward: scatter-add. */
    static final class GatherRows extends Op {
        Mat a;
        int[] indices = new int[0];

        Mat forward(Mat m, int[] ix) {
            int d = m.cols;
            for (int i = 0; i < ix.length; i++) System.arraycopy(m.w, m.offset + ix[i] * d, out.w, i * d, d);
            a = m;
            if (indices.length < ix.length) indices = new int[ix.length];
            System.arraycopy(ix, 0, indices, 0, ix.length);
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int d = out.cols;
            for (int i = 0; i < out.rows; i++) {
                int row = a.offset + indices[i] * d;
                k.elementWise().add(d, a.dw, row, out.dw, i * d, a.dw, row);
            }
        }
    }
}
