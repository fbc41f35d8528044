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

    /**
     * A copy of the values in fresh matrices owned by no graph. A step's state lives in its graph's buffers until
     * the graph's next {@code reset()}; copy it to carry it past one (a sampler, truncated backpropagation).
     */
    public State copy() {
        return new State(hidden.stream().map(State::copyOf).toList(), cells.stream().map(State::copyOf).toList(),
                output == null ? null : copyOf(output));
    }

    private static Mat copyOf(Mat m) {
        Mat out = new Mat(m.rows, m.cols);
        System.arraycopy(m.w, m.offset, out.w, 0, m.size());
        return out;
    }
}
