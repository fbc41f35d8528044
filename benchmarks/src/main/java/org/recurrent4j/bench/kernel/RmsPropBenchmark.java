package org.recurrent4j.bench.kernel;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Elements;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.kernel.Updates;

/**
 * The fused RMSProp update with RecurrentJS's defaults (lr 0.01, regc 1e-6, clip 5, decay 0.999, eps 1e-8) on
 * one parameter matrix; elements/s via {@link Elements}. Engine sets only.
 *
 * <p>The update zeroes the gradient, so every call gets a fresh one, copied in by an invocation-level setup
 * that JMH keeps out of the timed region. Without it the cache would decay towards denormals and the clipping
 * branch would never be taken, neither of which happens in training. One call takes tens of microseconds or
 * more, so the per-call timestamps that invocation-level setup costs stay well under 1%.
 */
@State(Scope.Thread)
public class RmsPropBenchmark extends JmhDefaults {
    /** 4H·(H+E) weights of an LSTM layer's fused gate matrix, E = 64: H = 128 and H = 512. */
    @Param({"98304", "1179648"})
    public int n;

    @Param({"vector", "scalar"})
    public String impl;

    private Updates updates;
    private float[] w, dw, cache, gradient;

    @Setup
    public void setUp() {
        updates = EngineKernels.named(impl).updates();
        var rng = new SplittableRandom(13);
        w = RandomArrays.uniform(rng, n, -0.08f, 0.08f);
        cache = RandomArrays.uniform(rng, n, 0f, 1f);
        // About 1% of the entries exceed the clip value of 5.
        gradient = RandomArrays.gaussian(rng, n, 2.0);
        dw = new float[n];
    }

    @Setup(Level.Invocation)
    public void freshGradient() {
        System.arraycopy(gradient, 0, dw, 0, n);
    }

    @Benchmark
    public int rmsprop(Elements counter) {
        counter.elements += n;
        return updates.rmsprop(n, w, 0, dw, 0, cache, 0, 0.01f, 1e-6f, 5f, 0.999f, 1e-8f);
    }
}
