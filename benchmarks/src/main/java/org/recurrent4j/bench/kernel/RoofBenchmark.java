package org.recurrent4j.bench.kernel;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Elements;
import org.recurrent4j.bench.Flops;
import org.recurrent4j.bench.JmhDefaults;

/**
 * The two roofs the kernels are judged against, as the JVM reaches them on one core with the engine's vector
 * width: {@code fmaPeak}, FMAs on twelve independent accumulators that never leave registers (GFLOPS; no
 * product can beat it), and {@code read}, a vector sum over an array of {@code floats} elements (G elements/s):
 * 131072 floats (512 KiB, the 512x256 gemv matrix) stays in L2, 2097152 (8 MiB, the 2048x1024 one) comes from
 * L3. A gemv reads each element of its matrix once for 2 flops: the read rate is the pace of a plain streaming
 * loop to set it against, not a bound (with four accumulators the sum itself may limit narrow vectors).
 */
@State(Scope.Thread)
public class RoofBenchmark extends JmhDefaults {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int FMA_STEPS = 1 << 12;

    /** The array {@code read} sums; a state of its own, so that {@code fmaPeak} runs once, not per size. */
    @State(Scope.Thread)
    public static class Data {
        @Param({"131072", "2097152"})
        public int floats;

        private float[] values;

        @Setup
        public void setUp() {
            values = RandomArrays.uniform(new SplittableRandom(11), floats, -1f, 1f);
        }
    }

    // Close to 1 and 0, so that the accumulators stay finite over any number of steps.
    private float x = 0.999f;
    private float y = 0.001f;

    @Benchmark
    public float fmaPeak(Flops counter) {
        // Broadcast here, from fields JMH cannot fold: vectors held in fields would not stay in registers.
        FloatVector a = FloatVector.broadcast(S, x), b = FloatVector.broadcast(S, y);
        FloatVector c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        for (int i = 0; i < FMA_STEPS; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        counter.flops += 2L * 12 * FMA_STEPS * S.length();
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .lane(0);
    }

    @Benchmark
    public float read(Data data, Elements counter) {
        float[] a = data.values;
        int l = S.length();
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i + 4 * l <= a.length; i += 4 * l) {
            s0 = s0.add(FloatVector.fromArray(S, a, i));
            s1 = s1.add(FloatVector.fromArray(S, a, i + l));
            s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * l));
            s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * l));
        }
        counter.elements += a.length;
        return s0.add(s1).add(s2.add(s3)).lane(0);
    }
}
