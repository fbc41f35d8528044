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
 * {@link Flops}. Eight forks in every profile but smoke: these products are paced by memory, and each JVM settles
 * in one of two speeds for the whole fork, the engine's and OpenBLAS's alike (2048×1024 gemvT, sixteen forks of
 * the engine: 39.8–42.0 or 48.8–51.0 GFLOPS, six of them the slower; OpenBLAS, seven runs of two or three forks:
 * medians 44.5–46.3 or 54.2–54.4). With three forks, which speed each side drew moved the ratio by ±10%.
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
