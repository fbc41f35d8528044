package org.recurrent4j.graph;

import org.recurrent4j.kernel.Activations;
import org.recurrent4j.kernel.ElementWise;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * The LSTM cell update as one tape op: from the pre-activations [i; f; o; ĉ] (4H×B) and c₋₁ (H×B) it computes
 * c = σ(f) ⊙ c₋₁ + σ(i) ⊙ tanh(ĉ) and h = σ(o) ⊙ tanh(c) into the op's 2H×B output [c; h], while the
 * product that made the pre-activations is still in cache. Forward and backward make the same kernel calls, in
 * the same order of rounding, as the composition of primitive ops (sigmoid of the i, f, o block, tanh, eltmul,
 * add), so both give the same values.
 *
 * <p>The op's work array holds, per n = H·B: the activated gates [i f o ĉ] (4n), tanh(c) (n), and for backward
 * the gates' gradients (4n) and o ⊙ Δh (n).
 */
final class LstmCell extends Op {
    Mat pre;
    Mat cPrev;
    /** Activated gates, tanh(c) and backward's scratch, reused across sequences. */
    float[] work = new float[0];

    static int workSize(int n) {
        return 10 * n;
    }

    /** Forward into out from the pre-activation block and c₋₁; false when the work array had to grow. */
    boolean forward(Kernels k, Mat gates, Mat c) {
        pre = gates;
        cPrev = c;
        int n = c.size();
        boolean grew = work.length < workSize(n);
        if (grew) work = new float[workSize(n)];
        float[] g = work;
        float[] out = this.out.w;
        Activations act = k.activations();
        ElementWise ew = k.elementWise();
        act.sigmoid(3 * n, pre.w, pre.offset, g, 0);
        act.tanh(n, pre.w, pre.offset + 3 * n, g, 3 * n);
        ew.mul(n, g, n, cPrev.w, cPrev.offset, out, 0); // f ⊙ c₋₁
        ew.mulAdd(n, g, 0, g, 3 * n, out, 0); // + i ⊙ ĉ
        act.tanh(n, out, 0, g, 4 * n);
        ew.mul(n, g, 2 * n, g, 4 * n, out, n); // h = o ⊙ tanh(c)
        return !grew;
    }

    /** Sends out.dw = [Δc; Δh] back into the pre-activations and c₋₁. */
    @Override
    void backward(Kernels k, DeferredProducts deferred) {
        int n = out.size() / 2;
        float[] g = work;
        float[] d = out.dw;
        int dg = 5 * n; // gradients of the activated gates
        int oh = 9 * n; // o ⊙ Δh, the gradient of tanh(c)
        Activations act = k.activations();
        ElementWise ew = k.elementWise();
        ew.mul(n, g, 4 * n, d, n, g, dg + 2 * n); // Δo = tanh(c) ⊙ Δh
        ew.mul(n, g, 2 * n, d, n, g, oh);
        act.tanhBackward(n, g, 4 * n, g, oh, d, 0); // Δc += (1 − tanh²c) ⊙ o ⊙ Δh, in place as the composition does
        ew.mul(n, g, 3 * n, d, 0, g, dg); // Δi = ĉ ⊙ Δc
        ew.mul(n, cPrev.w, cPrev.offset, d, 0, g, dg + n); // Δf = c₋₁ ⊙ Δc
        ew.mul(n, g, 0, d, 0, g, dg + 3 * n); // Δĉ = i ⊙ Δc
        ew.mulAdd(n, g, n, d, 0, cPrev.dw, cPrev.offset); // Δc₋₁ += f ⊙ Δc
        act.sigmoidBackward(3 * n, g, 0, g, dg, pre.dw, pre.offset);
        act.tanhBackward(n, g, 3 * n, g, dg + 3 * n, pre.dw, pre.offset + 3 * n);
    }
}
