package org.recurrent4j.bench.model;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Chars;
import org.recurrent4j.bench.JitWarmUp;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.model.ModelKind;

/**
 * Inference speed of a model of the size people import from PyTorch: {@code nn.Embedding(65, 64)}, an LSTM or
 * (reset-after) GRU of {@value #LAYERS} layers of H units, {@code nn.Linear(H, 65)}, scoring B streams of text in
 * chunks of {@value #STEPS} characters with the state carried ({@link TextScoring}), forward only. The same model
 * in PyTorch is measured by {@code benchmarks/peers/torch_infer.py} with the same arguments. Before JMH's warm-up,
 * the setup warms the compiler on the same kind and batch at H = {@value JitWarmUp#HIDDEN}.
 *
 * <p>chars/s via {@link Chars}: a chunk scores B × {@value #STEPS} characters.
 */
@State(Scope.Thread)
public class InferenceBenchmark extends JmhDefaults {
    static final int VOCABULARY = 65;
    static final int EMBED = 64;
    static final int LAYERS = 2;
    static final int STEPS = 50;

    @Param({"lstm", "gru-reset-after"})
    public String kind;

    @Param({"128", "512"})
    public int hidden;

    @Param({"1", "32"})
    public int batch;

    private TextScoring scoring;

    @Setup
    public void setUp() {
        var rng = new SplittableRandom(23);
        ModelKind k = ModelKind.of(kind);
        var small = new TextScoring(k, VOCABULARY, EMBED, JitWarmUp.HIDDEN, LAYERS, batch, STEPS, rng);
        JitWarmUp.run(JitWarmUp.CALLS / STEPS * 2, small::run); // a chunk steps the model STEPS times
        scoring = new TextScoring(k, VOCABULARY, EMBED, hidden, LAYERS, batch, STEPS, rng);
    }

    @Benchmark
    public double score(Chars counter) {
        counter.chars += (long) batch * STEPS;
        return scoring.run();
    }
}
