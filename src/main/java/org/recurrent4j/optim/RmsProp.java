package org.recurrent4j.optim;

import org.recurrent4j.kernel.Updates;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;

/**
 * RMSProp exactly as RecurrentJS's Solver: cache = decay·cache + (1 − decay)·g² with the unclipped gradient,
 * then w += −lr·clamp(g, ±clip) / sqrt(cache + eps) − regc·w, and dw = 0. No momentum, no bias correction.
 */
public final class RmsProp extends GuardedOptimizer {
    /** RecurrentJS's decay rate. */
    public static final float DECAY = 0.999f;
    /** RecurrentJS's smoothing epsilon. */
    public static final float EPS = 1e-8f;

    private final float decay;
    private final float eps;

    /** RMSProp with RecurrentJS's decay 0.999 and epsilon 1e-8. */
    public RmsProp() {
        this(DECAY, EPS);
    }

    /** RMSProp with the given decay in [0, 1) and epsilon > 0. */
    public RmsProp(float decay, float eps) {
        if (!(decay >= 0f && decay < 1f)) throw new IllegalArgumentException("rmsprop: decay must be in [0, 1), got " + decay);
        if (!(eps > 0f)) throw new IllegalArgumentException("rmsprop: eps must be > 0, got " + eps);
        this.decay = decay;
        this.eps = eps;
    }

    @Override
    int stateWidth() {
        return 1;
    }

    @Override
    String kind() {
        return "rmsprop";
    }

    @Override
    int update(Parameter p, Updates updates, float lr, float regc, float clip, long t) {
        Mat m = p.mat();
        float[] cache = buffer(p, m.size());
        return updates.rmsprop(m.size(), m.w, m.offset, m.dw, m.offset, cache, 0, lr, regc, clip, decay, eps);
    }
}
