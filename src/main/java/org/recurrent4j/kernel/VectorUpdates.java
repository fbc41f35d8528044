package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimizer updates on the Vector API. The arithmetic is the scalar twin's, operation for operation (true
 * division and square root, no FMA), so the weights and optimizer state come out bit-identical; the elements past
 * the last whole vector go through the scalar twin's own loop. Clipping uses the two comparison masks both to
 * count (trueCount) and to clamp (blend).
 */
final class VectorUpdates extends Updates {
    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = S.length();

    @Override
    int rmspropUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                         float lr, float regc, float clip, float decay, float eps) {
        float keep = 1f - decay;
        FloatVector zero = FloatVector.zero(S);
        int clipped = 0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector g = FloatVector.fromArray(S, dw, dwOff + i);
            FloatVector c = FloatVector.fromArray(S, cache, cacheOff + i).mul(decay).add(g.mul(keep).mul(g));
            c.intoArray(cache, cacheOff + i);
            VectorMask<Float> high = g.compare(VectorOperators.GT, clip);
            VectorMask<Float> low = g.compare(VectorOperators.LT, -clip);
            clipped += high.trueCount() + low.trueCount();
            g = g.blend(clip, high).blend(-clip, low);
            FloatVector wi = FloatVector.fromArray(S, w, wOff + i);
            FloatVector step = g.mul(-lr).div(c.add(eps).lanewise(VectorOperators.SQRT));
            wi.add(step.sub(wi.mul(regc))).intoArray(w, wOff + i);
            zero.intoArray(dw, dwOff + i);
        }
        return clipped + ScalarUpdates.rmsprop(i, n, w, wOff, dw, dwOff, cache, cacheOff, lr, regc, clip, decay, eps);
    }

    @Override
    int adamUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v, int vOff,
                      float lr, float regc, float clip, float beta1, float beta2, float eps, long t) {
        float c1 = ScalarUpdates.biasCorrection(beta1, t);
        float c2 = ScalarUpdates.biasCorrection(beta2, t);
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        FloatVector zero = FloatVector.zero(S);
        int clipped = 0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector g = FloatVector.fromArray(S, dw, dwOff + i);
            VectorMask<Float> high = g.compare(VectorOperators.GT, clip);
            VectorMask<Float> low = g.compare(VectorOperators.LT, -clip);
            clipped += high.trueCount() + low.trueCount();
            g = g.blend(clip, high).blend(-clip, low);
            FloatVector mi = FloatVector.fromArray(S, m, mOff + i).mul(beta1).add(g.mul(keep1));
            FloatVector vi = FloatVector.fromArray(S, v, vOff + i).mul(beta2).add(g.mul(keep2).mul(g));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            FloatVector wi = FloatVector.fromArray(S, w, wOff + i);
            FloatVector step = mi.mul(c1).mul(-lr).div(vi.mul(c2).lanewise(VectorOperators.SQRT).add(eps));
            wi.add(step.sub(wi.mul(regc))).intoArray(w, wOff + i);
            zero.intoArray(dw, dwOff + i);
        }
        return clipped + ScalarUpdates.adam(i, n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, regc, clip, beta1, beta2,
                eps, t);
    }

    @Override
    int sgdUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float lr, float regc, float clip) {
        FloatVector zero = FloatVector.zero(S);
        int clipped = 0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector g = FloatVector.fromArray(S, dw, dwOff + i);
            VectorMask<Float> high = g.compare(VectorOperators.GT, clip);
            VectorMask<Float> low = g.compare(VectorOperators.LT, -clip);
            clipped += high.trueCount() + low.trueCount();
            g = g.blend(clip, high).blend(-clip, low);
            FloatVector wi = FloatVector.fromArray(S, w, wOff + i);
            wi.add(g.mul(-lr).sub(wi.mul(regc))).intoArray(w, wOff + i);
            zero.intoArray(dw, dwOff + i);
        }
        return clipped + ScalarUpdates.sgd(i, n, w, wOff, dw, dwOff, lr, regc, clip);
    }
}
