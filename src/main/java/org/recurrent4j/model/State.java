package org.recurrent4j.model;

import java.util.List;
import org.recurrent4j.tensor.Mat;

/**
 * The recurrent state after a time step: the hidden state of every layer (H_j×B), the cell of every layer for
 * the LSTM models (empty otherwise), and the decoder output (null for an initial state).
 */
public record State(List<Mat> hidden, List<Mat> cells, Mat output) {
    public State {
        hidden = List.copyOf(hidden);
        cells = List.copyOf(cells);
    }

    /** The batch size (number of columns). */
    public int batch() {
        return hidden.get(0).cols;
    }
}
