package org.recurrent4j.bench.model;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Chars;
import org.recurrent4j.bench.JitWarmUp;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.model.ModelKind;

/**
 * One time step, forward and backward ({@link ModelStep}), of each of the seven models ({@code rnn} is the seed's
 * ReLU RNN, {@code gru-reset-after} PyTorch's GRU, the gated-feedback ones use vector gates): two layers of H
 * units, input size {@value #INPUT} (a dense B-column input, as an embedding of that size gives, and the E of the
 * kernel benchmarks' recurrent shapes), and a decoder onto {@value #OUTPUT} logits (a character vocabulary such as Tiny Shakespeare's) with the fused
 * softmax cross-entropy as loss. Steady state: one graph, reset before every step. Before JMH's warm-up, the setup
 * warms the compiler on the same model kind and batch at H = {@value JitWarmUp#HIDDEN}.
 *
 * <p>chars/s via {@link Chars}: a step predicts B characters.
 */
@State(Scope.Thread)
public class ModelStepBenchmark extends JmhDefaults {
    static final int INPUT = 64;
    static final int OUTPUT = 65;

    @Param({"rnn", "lstm", "gru", "gru-reset-after", "gf-rnn", "gf-gru", "gf-lstm"})
    public String kind;

    @Param({"128", "512"})
    public int hidden;

    @Param({"1", "32"})
    public int batch;

    private ModelStep step;

    @Setup
    public void setUp() {
        var rng = new SplittableRandom(19);
        var small = new ModelStep(ModelKind.of(kind), INPUT, JitWarmUp.HIDDEN, OUTPUT, batch, rng);
        JitWarmUp.run(small::run);
        step = new ModelStep(ModelKind.of(kind), INPUT, hidden, OUTPUT, batch, rng);
    }

    @Setup(Level.Iteration)
    public void zeroGradients() {
        step.zeroGradients();
    }

    @Benchmark
    public double step(Chars counter) {
        counter.chars += batch;
        return step.run();
    }
}
