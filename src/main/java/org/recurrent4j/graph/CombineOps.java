package org.recurrent4j.graph;

import org.recurrent4j.kernel.ElementWise;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/** The ops that combine several inputs of the same column count: sum, element-wise product, vertical stack. */
final class CombineOps {
    private CombineOps() {}

    /**
     * The sum of the first {@code count} inputs; an n×1 input is broadcast across the columns of an n×B sum.
     * Backward: each input's dw += Δ, summed over the columns for a broadcast one.
     */
    static final class Add extends Op {
        Mat[] inputs = new Mat[0];
        int count;

        Mat forward(Kernels k, Mat[] ms, int n) {
            ElementWise ew = k.elementWise();
            float[] o = out.w;
            int rows = out.rows;
            int batch = out.cols;
            int size = rows * batch;
            // Full-shape operands first (the first two in one pass), then the broadcast columns.
            Mat first = null;
            boolean started = false;
            for (int i = 0; i < n; i++) {
                Mat m = ms[i];
                if (m.cols != batch) continue;
                if (first == null) {
                    first = m;
                } else if (!started) {
                    ew.add(size, first.w, first.offset, m.w, m.offset, o, 0);
                    started = true;
                } else {
                    ew.add(size, o, 0, m.w, m.offset, o, 0);
                }
            }
            if (!started) System.arraycopy(first.w, first.offset, o, 0, size);
            for (int i = 0; i < n; i++) {
                Mat m = ms[i];
                if (m.cols != batch) ew.addColumnVector(rows, batch, m.w, m.offset, o, 0, batch);
            }
            if (inputs.length < n) inputs = new Mat[n];
            System.arraycopy(ms, 0, inputs, 0, n);
            count = n;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            ElementWise ew = k.elementWise();
            int n = out.size();
            for (int i = 0; i < count; i++) {
                Mat m = inputs[i];
                if (m.cols == out.cols) ew.add(n, m.dw, m.offset, out.dw, 0, m.dw, m.offset);
                else ew.sumColumns(out.rows, out.cols, out.dw, 0, out.cols, m.dw, m.offset);
            }
        }
    }

    /** The element-wise product a ⊙ b. Backward: a.dw += b ⊙ Δ, b.dw += a ⊙ Δ. */
    static final class EltMul extends Op {
        Mat a;
        Mat b;

        Mat forward(Kernels k, Mat x, Mat y) {
            k.elementWise().mul(x.size(), x.w, x.offset, y.w, y.offset, out.w, 0);
            a = x;
            b = y;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int n = out.size();
            k.elementWise().mulAdd(n, b.w, b.offset, out.dw, 0, a.dw, a.offset);
            k.elementWise().mulAdd(n, a.w, a.offset, out.dw, 0, b.dw, b.offset);
        }
    }

    /** The vertical stack of the first {@code count} inputs. Backward: each input's dw += its block of Δ. */
    static final class Concat extends Op {
        Mat[] inputs = new Mat[0];
        int count;

        Mat forward(Mat[] ms, int n) {
            // Row-major: the stacked blocks are contiguous in the output.
            int pos = 0;
            for (int i = 0; i < n; i++) {
                Mat m = ms[i];
                System.arraycopy(m.w, m.offset, out.w, pos, m.size());
                pos += m.size();
            }
            if (inputs.length < n) inputs = new Mat[n];
            System.arraycopy(ms, 0, inputs, 0, n);
            count = n;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            int pos = 0;
            for (int i = 0; i < count; i++) {
                Mat m = inputs[i];
                int size = m.size();
                k.elementWise().add(size, m.dw, m.offset, out.dw, pos, m.dw, m.offset);
                pos += size;
            }
        }
    }
}
