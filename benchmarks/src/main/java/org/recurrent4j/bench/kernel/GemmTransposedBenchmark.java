package org.recurrent4j.bench.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Flops;
import org.recurrent4j.bench.JmhDefaults;

/**
 * Square products with one operand transposed, as the backward pass uses them: C = A·Bᵀ ({@code NT}) and
 * C = Aᵀ·B ({@code TN}) of size×size matrices (beta = 0); GFLOPS via {@link Flops}. Only the sizes and the
 * implementations that the kernel targets name, so that the quick profile stays short.
 */
@State(Scope.Thread)
public class GemmTransposedBenchmark extends JmhDefaults {
    @Param({"512", "1024"})
    public int size;

    @Param({"NT", "TN"})
    public String layout;

    @Param({"vector", "ejml", "openblas"})
    public String impl;

    private Product product;
    private long flops;

    @Setup
    public void setUp() {
        boolean transA = switch (layout) {
            case "NT" -> false;
            case "TN" -> true;
            default -> throw new IllegalArgumentException("layout must be NT or TN, not " + layout);
        };
        GemmShape shape = new GemmShape(transA, !transA, size, size, size, 0f);
        product = Products.gemm(impl, shape);
        flops = shape.flops();
    }

    @Benchmark
    public void gemm(Flops counter) {
        product.run();
        counter.flops += flops;
    }
}
