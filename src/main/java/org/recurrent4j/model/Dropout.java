package org.recurrent4j.model;

import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The dropout a model applies while it trains, as char-rnn applies it (docs/math.md#dropout): to the input of
 * every layer above the first and to the decoder's input, never to the recurrent state carried from step to step.
 * A model calls {@link #apply} at those places, in the step-by-step form once per time step and in the
 * whole-sequence form once per layer over every step's rows, so every element of every step gets its own draw.
 * {@link #NONE} changes nothing and records nothing: evaluation, sampling and beam search run without dropout.
 */
@FunctionalInterface
public interface Dropout {
    /** No dropout: {@link #apply} returns its input. */
    Dropout NONE = (graph, m) -> m;

    /** The input of the next layer (or of the decoder) after dropout; m itself when nothing is dropped. */
    Mat apply(Graph graph, Mat m);

    /**
     * Inverted dropout of rate {@code p} ({@link Graph#dropout}), a fresh mask at every call drawn from
     * {@code rng}; {@link #NONE} for p = 0.
     *
     * @throws IllegalArgumentException unless 0 ≤ p < 1, or if rng is null while p > 0
     */
    static Dropout of(float p, RandomGenerator rng) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        if (p == 0f) return NONE;
        if (rng == null) throw new IllegalArgumentException("dropout: a generator for the masks is required");
        return (graph, m) -> graph.dropout(m, p, rng);
    }
}
