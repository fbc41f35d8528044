package org.recurrent4j.model;

import java.util.List;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * A stacked recurrent model with a linear decoder on the top layer: RNN, LSTM, GRU or a gated-feedback one.
 * It holds only parameters; the per-step state is passed in and returned, so one model can serve many threads.
 */
public interface RecurrentModel {
    /** The kind, as the CLI and files name it: {@code rnn}, {@code lstm}, {@code gru}, {@code gf-rnn}, ... */
    String kind();

    int inputSize();

    List<Integer> hiddenSizes();

    int outputSize();

    /** The zero state for a batch of {@code batch} columns (hidden per layer, cells for the LSTMs, no output). */
    State initialState(int batch);

    /** One time step: x is inputSize×B; returns the new state, whose output is the decoder's outputSize×B logits. */
    default State forward(Graph graph, Mat x, State previous) {
        return forward(graph, x, previous, Dropout.NONE);
    }

    /**
     * One time step with {@code dropout} applied to the input of every layer above the first and to the decoder's
     * input (never to the state); {@link Dropout#NONE} is {@link #forward(Graph, Mat, State)}.
     */
    State forward(Graph graph, Mat x, State previous, Dropout dropout);

    /** Whether {@link #forwardSequence} runs this model: the stacked RNN, LSTM and GRU do. */
    default boolean hasSequenceForm() {
        return false;
    }

    /**
     * A whole sequence at once: {@code xs} holds steps·batch rows of inputSize, step-major (row t·batch + b is
     * sequence b at step t); returns the logits of every step as steps·batch rows of outputSize, in the same
     * order. The input projections, the decoder and the weight gradients of all steps are single large products,
     * and only the recurrence runs step by step, so this is much faster than {@link #forward} step by step; it
     * computes the same function up to the order of rounding. {@code initial} is the state before the first step
     * (H×batch per layer); the last step's hidden and cell values are copied into {@code last} (which may be
     * {@code initial} itself, or null), without a gradient path back through them.
     *
     * @throws IllegalStateException for a model without a sequence form (see {@link #hasSequenceForm})
     */
    default Mat forwardSequence(Graph graph, Mat xs, int batch, State initial, State last) {
        return forwardSequence(graph, xs, batch, initial, last, Dropout.NONE);
    }

    /**
     * {@link #forwardSequence(Graph, Mat, int, State, State)} with {@code dropout} applied, as
     * {@link #forward(Graph, Mat, State, Dropout)} applies it, to every step's rows at once.
     */
    default Mat forwardSequence(Graph graph, Mat xs, int batch, State initial, State last, Dropout dropout) {
        throw new IllegalStateException(kind() + " has no whole-sequence form; run it step by step with forward");
    }

    /**
     * {@link #forwardSequence(Graph, Mat, int, State, State)} where input row i is row {@code indices[i]} of
     * {@code table} (an embedding, vocabulary×inputSize): the first layer's input products are taken once per
     * row of the table and gathered, rather than once per step, which is the same function with far fewer
     * multiply-adds when the table has fewer rows than the sequence.
     */
    default Mat forwardSequence(Graph graph, Mat table, int[] indices, int batch, State initial, State last) {
        return forwardSequence(graph, table, indices, batch, initial, last, Dropout.NONE);
    }

    /** The embedding form of {@link #forwardSequence(Graph, Mat, int, State, State, Dropout)}. */
    default Mat forwardSequence(Graph graph, Mat table, int[] indices, int batch, State initial, State last,
                                Dropout dropout) {
        throw new IllegalStateException(kind() + " has no whole-sequence form; run it step by step with forward");
    }

    /** Every trainable matrix, in a fixed order, named as RecurrentJS names them (Wxh0, Wix0, ..., Whd, bd). */
    List<Parameter> parameters();
}
