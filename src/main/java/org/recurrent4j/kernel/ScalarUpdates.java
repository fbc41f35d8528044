package org.recurrent4j.kernel;

/**
 * Plain-Java optimizer updates: the reference twin of {@link VectorUpdates}, whose loops hand their tails to the
 * static range forms here, so that each formula is written once.
 */
class ScalarUpdates extends Updates {

    @Override
    int rmspropUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                         float lr, float regc, float clip, float decay, float eps) {
        return rmsprop(0, n, w, wOff, dw, dwOff, cache, cacheOff, lr, regc, clip, decay, eps);
    }

    @Override
    int adamUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v, int vOff,
                      float lr, float regc, float clip, float beta1, float beta2, float eps, long t) {
        return adam(0, n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, regc, clip, beta1, beta2, eps, t);
    }

    @Override
    int sgdUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float lr, float regc, float clip) {
        return sgd(0, n, w, wOff, dw, dwOff, lr, regc, clip);
    }

    /** RMSProp on elements {@code from} … {@code n − 1}; returns how many were clipped. */
    static int rmsprop(int from, int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                       float lr, float regc, float clip, float decay, float eps) {
        int clipped = 0;
        float keep = 1f - decay;
        for (int i = from; i < n; i++) {
            float g = dw[dwOff + i];
            float c = decay * cache[cacheOff + i] + keep * g * g;
            cache[cacheOff + i] = c;
            if (g > clip) {
                g = clip;
                clipped++;
            } else if (g < -clip) {
                g = -clip;
                clipped++;
            }
            float wi = w[wOff + i];
            w[wOff + i] = wi + (-lr * g / (float) Math.sqrt(c + eps) - regc * wi);
            dw[dwOff + i] = 0f;
        }
        return clipped;
    }

    /** Adam at step {@code t} on elements {@code from} … {@code n − 1}; returns how many were clipped. */
    static int adam(int from, int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v,
                    int vOff, float lr, float regc, float clip, float beta1, float beta2, float eps, long t) {
        float c1 = biasCorrection(beta1, t);
        float c2 = biasCorrection(beta2, t);
        int clipped = 0;
        for (int i = from; i < n; i++) {
            float g = dw[dwOff + i];
            if (g > clip) {
                g = clip;
                clipped++;
            } else if (g < -clip) {
                g = -clip;
                clipped++;
            }
            float mi = beta1 * m[mOff + i] + (1f - beta1) * g;
            float vi = beta2 * v[vOff + i] + (1f - beta2) * g * g;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float wi = w[wOff + i];
            w[wOff + i] = wi + (-lr * (mi * c1) / ((float) Math.sqrt(vi * c2) + eps) - regc * wi);
            dw[dwOff + i] = 0f;
        }
        return clipped;
    }

    /** SGD on elements {@code from} … {@code n − 1}; returns how many were clipped. */
    static int sgd(int from, int n, float[] w, int wOff, float[] dw, int dwOff, float lr, float regc, float clip) {
        int clipped = 0;
        for (int i = from; i < n; i++) {
            float g = dw[dwOff + i];
            if (g > clip) {
                g = clip;
                clipped++;
            } else if (g < -clip) {
                g = -clip;
                clipped++;
            }
            float wi = w[wOff + i];
            w[wOff + i] = wi + (-lr * g - regc * wi);
            dw[dwOff + i] = 0f;
        }
        return clipped;
    }

    /** Adam's 1 / (1 − β^t), for m̂ and v̂. */
    static float biasCorrection(float beta, long t) {
        return (float) (1.0 / (1.0 - Math.pow(beta, t)));
    }
}
