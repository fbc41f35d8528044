package org.recurrent4j.bench.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Flops;
import org.recurrent4j.bench.JmhDefaults;

/**
 * The three products of one fused recurrent layer step, with hidden size H, input (embedding) size E = 64 and
 * batch B; W is the 4H×(H+E) fused gate matrix (LSTM) and X the (H+E)×B stacked input and previous hidden state:
 * <ul>
 *   <li>{@code forwardNN}: Y = W·X, m = 4H, n = B, k = H+E (beta = 0);</li>
 *   <li>{@code weightGradNT}: dW += dY·Xᵀ, m = 4H, n = H+E, k = B (beta = 1);</li>
 *   <li>{@code inputGradTN}: dX += Wᵀ·dY, m = H+E, n = B, k = 4H (beta = 1).</li>
 * </ul>
 * All three do 2·4H·(H+E)·B flops; GFLOPS via {@link Flops}.
 */
@State(Scope.Thread)
public class GemmRecurrentBenchmark extends JmhDefaults {
    static final int EMBEDDING = 64;

    @Param({"128", "512"})
    public int hidden;

    @Param({"1", "32", "50"})
    public int batch;

    @Param({"vector", "scalar", "ejml", "openblas"})
    public String impl;

    private Product forward;
    private Product weightGrad;
    private Product inputGrad;
    private long flops;

    @Setup
    public void setUp() {
        int gates = 4 * hidden, in = hidden + EMBEDDING;
        forward = Products.gemm(impl, new GemmShape(false, false, gates, batch, in, 0f));
        weightGrad = Products.gemm(impl, new GemmShape(false, true, gates, in, batch, 1f));
        inputGrad = Products.gemm(impl, new GemmShape(true, false, in, batch, gates, 1f));
        flops = 2L * gates * in * batch;
    }

    @Benchmark
    public void forwardNN(Flops counter) {
        forward.run();
        counter.flops += flops;
    }

    @Benchmark
    public void weightGradNT(Flops counter) {
        weightGrad.run();
        counter.flops += flops;
    }

    @Benchmark
    public void inputGradTN(Flops counter) {
        inputGrad.run();
        counter.flops += flops;
    }
}
