package org.recurrent4j.text;

import java.util.Arrays;
import java.util.List;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

/**
 * A recurrent state that outlives a graph: matrices owned by their user, not by a graph's arena, into which the
 * last state of a sequence is copied before the graph is reset. Copying values only (no gradient link) is what
 * truncates backpropagation at the chunk boundary. Allocated once; {@link #copyFrom} and {@link #zero} allocate
 * nothing.
 */
final class CarriedState {
    private final List<Mat> hidden;
    private final List<Mat> cells;
    private final State state;

    CarriedState(CharModel model, int batch) {
        this.state = model.initialState(batch);
        this.hidden = state.hidden();
        this.cells = state.cells();
    }

    /** The carried state, to feed the first step of the next sequence. */
    State state() {
        return state;
    }

    /** Copies the values of {@code from} (same shapes) into the carried matrices. */
    void copyFrom(State from) {
        copy(from.hidden(), hidden);
        copy(from.cells(), cells);
    }

    /** Sets every value to zero: the state at the start of a sequence. */
    void zero() {
        for (Mat m : hidden) Arrays.fill(m.w, 0f);
        for (Mat m : cells) Arrays.fill(m.w, 0f);
    }

    /** Clears the gradients that backward() accumulated into the carried matrices; nothing reads them. */
    void zeroGrad() {
        for (Mat m : hidden) m.zeroGrad();
        for (Mat m : cells) m.zeroGrad();
    }

    private static void copy(List<Mat> from, List<Mat> to) {
        for (int i = 0; i < to.size(); i++) {
            Mat src = from.get(i);
            Mat dst = to.get(i);
            System.arraycopy(src.w, src.offset, dst.w, 0, dst.size());
        }
    }
}
