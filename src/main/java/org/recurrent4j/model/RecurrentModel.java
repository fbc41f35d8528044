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
    State forward(Graph graph, Mat x, State previous);

    /** Every trainable matrix, in a fixed order, named as RecurrentJS names them (Wxh0, Wix0, ..., Whd, bd). */
    List<Parameter> parameters();
}
