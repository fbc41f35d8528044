package org.recurrent4j.text;

import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.tensor.Probabilities;

/**
 * Generates text from a {@link CharModel} as the seed's demo does: feed START (then the prime, if any), choose a
 * character from the logits (sampled at a temperature, or the argmax), feed it back, and stop at END or at the
 * length limit. A model whose vocabulary has no START/END (imported from PyTorch) starts from the prime's first
 * character, so it needs a prime, and stops at the length limit only. Each call has its own graph and state and only reads the model, so one sampler (or model) serves
 * many threads at once; the randomness comes from the generator passed in.
 */
public final class Sampler {
    /** Why a model without START/END cannot sample from an empty prime. */
    public static final String NEEDS_PRIME = "the model's vocabulary has no START token (a model imported from "
            + "PyTorch), so sampling starts from a prime: give a prime text of at least one character";

    private final CharModel model;

    public Sampler(CharModel model) {
        this.model = model;
    }

    /**
     * Generates characters, handing each code point to {@code out} as it is chosen (the prime is not repeated),
     * and returns how many were generated.
     *
     * @throws IllegalArgumentException naming the character and its position if the prime holds a character
     *     outside the model's vocabulary, or if the prime is empty and the vocabulary has no START/END
     */
    public int sample(SampleOptions options, RandomGenerator rng, IntConsumer out) {
        Vocabulary vocabulary = model.vocabulary();
        int[] prime = vocabulary.encode(options.prime());
        boolean startEnd = vocabulary.hasStartEnd();
        if (!startEnd && prime.length == 0) throw new IllegalArgumentException(NEEDS_PRIME);
        int size = vocabulary.size();
        float[] scaled = new float[size];
        float[] probs = new float[size];
        Graph graph = new Graph(false);
        CarriedState carried = new CarriedState(model, 1);
        Mat logits = startEnd ? step(graph, carried, Vocabulary.START) : null;
        for (int ix : prime) logits = step(graph, carried, ix);
        int generated = 0;
        while (generated < options.maxLength()) {
            int ix = options.argmax() ? Probabilities.argmax(logits, 0) : draw(logits, options.temperature(), scaled, probs, rng);
            if (startEnd && ix == Vocabulary.END) break;
            out.accept(vocabulary.codePointAt(ix));
            generated++;
            if (generated < options.maxLength()) logits = step(graph, carried, ix);
        }
        return generated;
    }

    /** The generated text (without the prime). */
    public String sample(SampleOptions options, RandomGenerator rng) {
        StringBuilder sb = new StringBuilder();
        sample(options, rng, sb::appendCodePoint);
        return sb.toString();
    }

    /** One step from the carried state; the graph is reset first, so only the state outlives it. */
    private Mat step(Graph graph, CarriedState carried, int index) {
        graph.reset();
        State s = model.forward(graph, index, carried.state());
        carried.copyFrom(s);
        return s.output();
    }

    /** Samples from softmax(logits / temperature), the max-shifted softmax, by running sum (docs/math.md#sampling). */
    private static int draw(Mat logits, float temperature, float[] scaled, float[] probs, RandomGenerator rng) {
        int n = logits.rows;
        float max = logits.w[logits.offset];
        for (int i = 1; i < n; i++) max = Math.max(max, logits.w[logits.offset + i]);
        for (int i = 0; i < n; i++) scaled[i] = (logits.w[logits.offset + i] - max) / temperature;
        Kernels.get().softmax().softmax(n, scaled, 0, probs, 0);
        return Probabilities.sample(probs, 0, n, rng);
    }
}
