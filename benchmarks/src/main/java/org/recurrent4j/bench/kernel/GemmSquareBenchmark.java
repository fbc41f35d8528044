package org.recurrent4j.bench.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Flops;
import org.recurrent4j.bench.JmhDefaults;

/** Square products C = A·B of size×size matrices (beta = 0), the classic measure of a gemm; GFLOPS via {@link Flops}. */
@State(Scope.Thread)
public class GemmSquareBenchmark extends JmhDefaults {
    /** Rows = columns = inner dimension. Smallest first: the smoke run takes the first value. */
    @Param({"64", "128", "256", "512", "1024"})
    public int size;

    @Param({"vector", "scalar", "ejml", "openblas"})
    public String impl;

    private Product product;
    private long flops;

    @Setup
    public void setUp() {
        GemmShape shape = new GemmShape(false, false, size, size, size, 0f);
        product = Products.gemm(impl, shape);
        flops = shape.flops();
    }

    @Benchmark
    public void gemm(Flops counter) {
        product.run();
        counter.flops += flops;
    }
}
