package org.recurrent4j.bench.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Flops;
import org.recurrent4j.bench.JmhDefaults;

/**
 * Matrix-vector products y = A·x ({@code gemvN}) and y = Aᵀ·x ({@code gemvT}) for an m×n matrix A; GFLOPS via
 * {@link Flops}. Eight forks in every profile but smoke: each JVM settles in one of two speeds for these
 * memory-paced products, the engine's and OpenBLAS's alike, and with three forks the draw moved their ratio by
 * about 10% (the figures are in docs/design.md#gemv).
 */
@State(Scope.Thread)
@Fork(value = 8, jvmArgsAppend = {
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Drecurrent4j.threads=1",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class GemvBenchmark extends JmhDefaults {
    /** Rows x columns of A: 512x256 fits in L2, 2048x1024 (8 MiB) streams from memory. */
    @Param({"512x256", "2048x1024"})
    public String shape;

    @Param({"vector", "scalar", "ejml", "openblas"})
    public String impl;

    private Product plain;
    private Product transposed;
    private long flops;

    @Setup
    public void setUp() {
        GemvShape n = GemvShape.parse(shape, false);
        plain = Products.gemv(impl, n);
        transposed = Products.gemv(impl, GemvShape.parse(shape, true));
        flops = n.flops();
    }

    @Benchmark
    public void gemvN(Flops counter) {
        plain.run();
        counter.flops += flops;
    }

    @Benchmark
    public void gemvT(Flops counter) {
        transposed.run();
        counter.flops += flops;
    }
}
