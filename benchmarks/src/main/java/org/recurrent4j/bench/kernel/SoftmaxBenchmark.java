package org.recurrent4j.bench.kernel;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Elements;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.kernel.Softmax;

/**
 * The output layer's kernels on vocab×batch logits: column softmax, and the fused softmax cross-entropy that
 * also writes the gradient; elements/s (vocab·batch per call) via {@link Elements}. Engine sets only.
 */
@State(Scope.Thread)
public class SoftmaxBenchmark extends JmhDefaults {
    /** Characters (65, as in Tiny Shakespeare) or a small word vocabulary. */
    @Param({"65", "4096"})
    public int vocab;

    @Param({"1", "50"})
    public int batch;

    @Param({"vector", "scalar"})
    public String impl;

    private Softmax softmax;
    private float[] logits, probabilities, grad, loss;
    private int[] targets;
    private int elements;

    @Setup
    public void setUp() {
        softmax = EngineKernels.named(impl).softmax();
        var rng = new SplittableRandom(11);
        elements = vocab * batch;
        logits = RandomArrays.gaussian(rng, elements, 3.0);
        targets = RandomArrays.indices(rng, batch, vocab);
        probabilities = new float[elements];
        grad = new float[elements];
        loss = new float[batch];
    }

    @Benchmark
    public void softmaxColumns(Elements counter) {
        softmax.softmaxColumns(vocab, batch, logits, 0, probabilities, 0);
        counter.elements += elements;
    }

    @Benchmark
    public double crossEntropy(Elements counter) {
        counter.elements += elements;
        return softmax.crossEntropy(vocab, batch, logits, 0, targets, 0, grad, 0, loss, 0);
    }
}
