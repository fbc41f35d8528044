package org.recurrent4j.graph;

import java.util.random.RandomGenerator;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/** The element-wise ops of one input: each one's forward and its backward, with Δ = out.dw. */
final class UnaryOps {
    private UnaryOps() {}

    /** Element-wise tanh. Backward: m.dw += (1 − out²) ⊙ Δ. */
    static final class Tanh extends Op {
        Mat a;

        Mat forward(Kernels k, Mat m) {
            k.activations().tanh(m.size(), m.w, m.offset, out.w, 0);
            a = m;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            k.activations().tanhBackward(out.size(), out.w, 0, out.dw, 0, a.dw, a.offset);
        }
    }

    /** Element-wise logistic sigmoid 1/(1+e^−m). Backward: m.dw += out ⊙ (1 − out) ⊙ Δ. */
    static final class Sigmoid extends Op {
        Mat a;

        Mat forward(Kernels k, Mat m) {
            k.activations().sigmoid(m.size(), m.w, m.offset, out.w, 0);
            a = m;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            k.activations().sigmoidBackward(out.size(), out.w, 0, out.dw, 0, a.dw, a.offset);
        }
    }

    /** Element-wise max(0, m). Backward: m.dw += (m > 0 ? Δ : 0), read from the output. */
    static final class Relu extends Op {
        Mat a;

        Mat forward(Kernels k, Mat m) {
            k.activations().relu(m.size(), m.w, m.offset, out.w, 0);
            a = m;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            k.activations().reluBackward(out.size(), out.w, 0, out.dw, 0, a.dw, a.offset);
        }
    }

    /** c·m. Backward: m.dw += c·Δ. */
    static final class Scale extends Op {
        Mat a;
        float c;

        Mat forward(Kernels k, Mat m, float factor) {
            System.arraycopy(m.w, m.offset, out.w, 0, m.size());
            k.elementWise().scale(m.size(), factor, out.w, 0);
            a = m;
            c = factor;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            k.elementWise().axpy(out.size(), c, out.dw, 0, a.dw, a.offset);
        }
    }

    /** m + c. Backward: m.dw += Δ. */
    static final class AddScalar extends Op {
        Mat a;

        Mat forward(Kernels k, Mat m, float c) {
            k.elementWise().fill(m.size(), c, out.w, 0);
            k.elementWise().add(m.size(), out.w, 0, m.w, m.offset, out.w, 0);
            a = m;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            k.elementWise().add(out.size(), a.dw, a.offset, out.dw, 0, a.dw, a.offset);
        }
    }

    /**
     * Inverted dropout: out = m ⊙ mask, each mask element 1/(1 − p) with probability 1 − p and 0 otherwise, drawn
     * from the generator in the matrix's row-major order, 32 bits a draw (two draws per {@code nextLong()}).
     * Backward: m.dw += mask ⊙ Δ.
     */
    static final class Dropout extends Op {
        Mat a;
        float[] mask = new float[0];

        Mat forward(Kernels k, Mat m, float p, RandomGenerator rng) {
            int n = m.size();
            if (mask.length < n) {
                mask = new float[n];
                grown++;
            }
            // keep when a uniform 32-bit draw is at least p·2³², so that P(keep) = 1 − p to 2⁻³²
            long threshold = Math.round(p * 0x1p32);
            float kept = (float) (1.0 / (1.0 - p));
            for (int i = 0; i < n; ) {
                long bits = rng.nextLong();
                mask[i++] = (bits >>> 32) >= threshold ? kept : 0f;
                if (i < n) mask[i++] = (bits & 0xffffffffL) >= threshold ? kept : 0f;
            }
            k.elementWise().mul(n, m.w, m.offset, mask, 0, out.w, 0);
            a = m;
            return out;
        }

        @Override
        void backward(Kernels k, DeferredProducts deferred) {
            k.elementWise().mulAdd(out.size(), mask, 0, out.dw, 0, a.dw, a.offset);
        }
    }
}
