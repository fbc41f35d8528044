package org.recurrent4j.optim;

import org.recurrent4j.kernel.Updates;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;

/**
 * Adam with bias correction, with RMSProp's clipping and weight decay: g = clamp(dw, ±clip),
 * m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g², w += −lr·m̂ / (sqrt(v̂) + eps) − regc·w, dw = 0.
 */
public final class Adam extends GuardedOptimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;

    /** Adam with β1 = 0.9, β2 = 0.999 and epsilon 1e-8. */
    public Adam() {
        this(0.9f, 0.999f, 1e-8f);
    }

    /** Adam with the given β1 and β2 in [0, 1) and epsilon > 0. */
    public Adam(float beta1, float beta2, float eps) {
        if (!(beta1 >= 0f && beta1 < 1f)) throw new IllegalArgumentException("adam: beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0f && beta2 < 1f)) throw new IllegalArgumentException("adam: beta2 must be in [0, 1), got " + beta2);
        if (!(eps > 0f)) throw new IllegalArgumentException("adam: eps must be > 0, got " + eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    int stateWidth() {
        return 2;
    }

    @Override
    String kind() {
        return "adam";
    }

    @Override
    int update(Parameter p, Updates updates, float lr, float regc, float clip, long t) {
        Mat m = p.mat();
        int n = m.size();
        float[] moments = buffer(p, 2 * n); // m in [0, n), v in [n, 2n)
        return updates.adam(n, m.w, m.offset, m.dw, m.offset, moments, 0, moments, n, lr, regc, clip,
                beta1, beta2, eps, t);
    }
}
