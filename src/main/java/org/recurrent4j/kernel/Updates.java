package org.recurrent4j.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fused optimizer updates: one pass over a parameter reads its gradient, updates the optimizer state and the
 * weights, and resets the gradient to zero. Each returns how many gradient elements were clipped. A parameter of
 * at least {@link KernelThreads#PARALLEL_MIN_ELEMENTS} floats is split across the kernel threads, the same bits
 * however split.
 */
public abstract class Updates {
    Updates() {}

    /**
     * RMSProp exactly as RecurrentJS: cache = decay·cache + (1 − decay)·g² with the unclipped g; g is clamped
     * to ±clip; w += −lr·g / sqrt(cache + eps) − regc·w (weight decay not scaled by lr); dw = 0.
     */
    public final int rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                             float lr, float regc, float clip, float decay, float eps) {
        Checks.nonNegative("rmsprop", "n", n);
        Checks.range("rmsprop", "w", w, wOff, n);
        Checks.range("rmsprop", "dw", dw, dwOff, n);
        Checks.range("rmsprop", "cache", cache, cacheOff, n);
        if (!KernelThreads.splits(n)) {
            return rmspropUnchecked(n, w, wOff, dw, dwOff, cache, cacheOff, lr, regc, clip, decay, eps);
        }
        AtomicInteger clipped = new AtomicInteger();
        KernelThreads.runRanges(n, KernelThreads.ELEMENT_UNIT, (i, j) -> clipped.addAndGet(rmspropUnchecked(j - i, w,
                wOff + i, dw, dwOff + i, cache, cacheOff + i, lr, regc, clip, decay, eps)));
        return clipped.get();
    }

    /**
     * Adam with bias correction, clipping and weight decay as RMSProp does them: g = clamp(dw, ±clip);
     * m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; w += −lr·m̂ / (sqrt(v̂) + eps) − regc·w, where
     * m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t) for the step number t ≥ 1; dw = 0.
     */
    public final int adam(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v, int vOff,
                          float lr, float regc, float clip, float beta1, float beta2, float eps, long t) {
        Checks.nonNegative("adam", "n", n);
        Checks.range("adam", "w", w, wOff, n);
        Checks.range("adam", "dw", dw, dwOff, n);
        Checks.range("adam", "m", m, mOff, n);
        Checks.range("adam", "v", v, vOff, n);
        if (t < 1) throw new IllegalArgumentException("adam: step number must be >= 1, got " + t);
        if (!KernelThreads.splits(n)) {
            return adamUnchecked(n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, regc, clip, beta1, beta2, eps, t);
        }
        AtomicInteger clipped = new AtomicInteger();
        KernelThreads.runRanges(n, KernelThreads.ELEMENT_UNIT, (i, j) -> clipped.addAndGet(adamUnchecked(j - i, w,
                wOff + i, dw, dwOff + i, m, mOff + i, v, vOff + i, lr, regc, clip, beta1, beta2, eps, t)));
        return clipped.get();
    }

    /** Plain SGD: g = clamp(dw, ±clip); w += −lr·g − regc·w; dw = 0. */
    public final int sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr, float regc, float clip) {
        Checks.nonNegative("sgd", "n", n);
        Checks.range("sgd", "w", w, wOff, n);
        Checks.range("sgd", "dw", dw, dwOff, n);
        if (!KernelThreads.splits(n)) return sgdUnchecked(n, w, wOff, dw, dwOff, lr, regc, clip);
        AtomicInteger clipped = new AtomicInteger();
        KernelThreads.runRanges(n, KernelThreads.ELEMENT_UNIT, (i, j) -> clipped.addAndGet(sgdUnchecked(j - i, w,
                wOff + i, dw, dwOff + i, lr, regc, clip)));
        return clipped.get();
    }

    abstract int rmspropUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                                  float lr, float regc, float clip, float decay, float eps);
    abstract int adamUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v,
                               int vOff, float lr, float regc, float clip, float beta1, float beta2, float eps, long t);
    abstract int sgdUnchecked(int n, float[] w, int wOff, float[] dw, int dwOff, float lr, float regc, float clip);
}
