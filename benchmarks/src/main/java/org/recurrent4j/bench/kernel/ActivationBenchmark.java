package org.recurrent4j.bench.kernel;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Elements;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.kernel.Activations;

/**
 * Sigmoid, tanh and relu, forward (y = f(x)) and backward (dx += f'(y) ⊙ dy), on n elements; elements/s via
 * {@link Elements}. EJML and OpenBLAS have no such operations, so only the engine's two sets run.
 */
@State(Scope.Thread)
public class ActivationBenchmark extends JmhDefaults {
    /** 4H·B gate values: H = 128, B = 1; H = 128, B = 32; H = 512, B = 50. */
    @Param({"512", "16384", "102400"})
    public int n;

    @Param({"vector", "scalar"})
    public String impl;

    private Activations act;
    private float[] x, out, dy, dx, ySigmoid, yTanh, yRelu;

    @Setup
    public void setUp() {
        act = EngineKernels.named(impl).activations();
        var rng = new SplittableRandom(7);
        x = RandomArrays.uniform(rng, n, -4f, 4f);
        dy = RandomArrays.uniform(rng, n, -1f, 1f);
        out = new float[n];
        dx = new float[n];
        ySigmoid = new float[n];
        yTanh = new float[n];
        yRelu = new float[n];
        act.sigmoid(n, x, 0, ySigmoid, 0);
        act.tanh(n, x, 0, yTanh, 0);
        act.relu(n, x, 0, yRelu, 0);
    }

    @Benchmark
    public void sigmoid(Elements counter) {
        act.sigmoid(n, x, 0, out, 0);
        counter.elements += n;
    }

    @Benchmark
    public void tanh(Elements counter) {
        act.tanh(n, x, 0, out, 0);
        counter.elements += n;
    }

    @Benchmark
    public void relu(Elements counter) {
        act.relu(n, x, 0, out, 0);
        counter.elements += n;
    }

    @Benchmark
    public void sigmoidBackward(Elements counter) {
        act.sigmoidBackward(n, ySigmoid, 0, dy, 0, dx, 0);
        counter.elements += n;
    }

    @Benchmark
    public void tanhBackward(Elements counter) {
        act.tanhBackward(n, yTanh, 0, dy, 0, dx, 0);
        counter.elements += n;
    }

    @Benchmark
    public void reluBackward(Elements counter) {
        act.reluBackward(n, yRelu, 0, dy, 0, dx, 0);
        counter.elements += n;
    }
}
