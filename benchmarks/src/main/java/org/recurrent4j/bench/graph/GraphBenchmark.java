package org.recurrent4j.bench.graph;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Flops;
import org.recurrent4j.bench.JitWarmUp;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * Forward and backward of a small gated expression ({@link GatedExpression}) on the engine's {@link Graph},
 * y = sigmoid(W·x + U·h + b) ⊙ tanh(V·x) with H×H weights and B columns, in steady state: one graph, reset before
 * every call, so that its buffers are reused. It runs on the kernels the engine selects ({@code Kernels.get()};
 * {@code -Drecurrent4j.kernels=scalar} in the forks' flags measures the scalar ones). Before JMH's warm-up, the
 * setup warms the compiler on the same expression at H = {@value JitWarmUp#HIDDEN}.
 *
 * <p>GFLOPS via {@link Flops}, counting the products only, as the kernel benchmarks do: each of the three
 * products costs 2·H·H·B forward and twice that backward (its weight and its input gradients), 18·H²·B in all.
 * The element-wise ops (add, sigmoid, tanh, ⊙ and their gradients) are not counted; they are what separates this
 * figure from the gemm benchmarks' at small B.
 */
@State(Scope.Thread)
public class GraphBenchmark extends JmhDefaults {
    @Param({"128", "512"})
    public int hidden;

    @Param({"1", "32"})
    public int batch;

    private final Graph graph = new Graph();
    private GatedExpression expression;
    private long flops;

    @Setup
    public void setUp() {
        var rng = new SplittableRandom(17);
        var small = new GatedExpression(JitWarmUp.HIDDEN, batch, rng);
        var warmGraph = new Graph();
        JitWarmUp.run(() -> small.forwardBackward(warmGraph));
        expression = new GatedExpression(hidden, batch, rng);
        flops = 18L * hidden * hidden * batch;
    }

    @Setup(Level.Iteration)
    public void zeroGradients() {
        expression.zeroGradients();
    }

    @Benchmark
    public Mat forwardBackward(Flops counter) {
        counter.flops += flops;
        return expression.forwardBackward(graph);
    }
}
