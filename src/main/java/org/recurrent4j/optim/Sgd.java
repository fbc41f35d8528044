package org.recurrent4j.optim;

import org.recurrent4j.kernel.Updates;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;

/** Plain stochastic gradient descent with RMSProp's clipping and weight decay: w += −lr·clamp(g, ±clip) − regc·w. */
public final class Sgd extends GuardedOptimizer {
    @Override
    int stateWidth() {
        return 0;
    }

    @Override
    String kind() {
        return "sgd";
    }

    @Override
    int update(Parameter p, Updates updates, float lr, float regc, float clip, long t) {
        Mat m = p.mat();
        return updates.sgd(m.size(), m.w, m.offset, m.dw, m.offset, lr, regc, clip);
    }
}
