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
public final class CarriedState {
    private final List<Mat> hidden;
    private final List<Mat> cells;
    private final State state;

    public CarriedState(CharModel model, int batch) {
        this.state = model.initialState(batch);
        this.hidden = state.hidden();
        this.cells = state.cells();
    }

    /** The carried state, to feed the first step of the next sequence. */
    public State state() {
        return state;
    }

    /** Copies the values of {@code from} (same shapes) into the carried matrices. */
    public void copyFrom(State from) {
        copy(from.hidden(), hidden);
        copy(from.cells(), cells);
    }

    /** Sets every value to zero: the state at the start of a sequence. */
    public void zero() {
        for (Mat m : hidden) Arrays.fill(m.w, 0f);
        for (Mat m : cells) Arrays.fill(m.w, 0f);
    }

    /** Clears the gradients that backward() accumulated into the carried matrices; nothing reads them. */
    public void zeroGrad() {
        for (Mat m : hidden) m.zeroGrad();
        for (Mat m : cells) m.zeroGrad();
    }

    /** Copies of the hidden values (per layer, H_j × B row-major), for a checkpoint. */
    public List<float[]> hiddenValues() {
        return hidden.stream().map(m -> m.w.clone()).toList();
    }

    /** Copies of the cell values (LSTM kinds; empty otherwise). */
    public List<float[]> cellValues() {
        return cells.stream().map(m -> m.w.clone()).toList();
    }

    /** Null if the arrays fit the carried hidden matrices and cells, else what does not fit. */
    public String misfit(List<float[]> hiddenValues, List<float[]> cellValues) {
        String h = misfit("hidden", hidden, hiddenValues);
        return h != null ? h : misfit("cell", cells, cellValues);
    }

    private static String misfit(String what, List<Mat> mats, List<float[]> values) {
        if (values.size() != mats.size()) {
            return values.size() + " " + what + " layers, the model has " + mats.size();
        }
        for (int i = 0; i < mats.size(); i++) {
            if (values.get(i).length != mats.get(i).size()) {
                return what + " layer " + i + " holds " + values.get(i).length + " values, " + mats.get(i).shape()
                        + " needs " + mats.get(i).size();
            }
        }
        return null;
    }

    /** Sets the carried values from arrays that {@link #misfit} accepts. */
    public void set(List<float[]> hiddenValues, List<float[]> cellValues) {
        for (int i = 0; i < hidden.size(); i++) System.arraycopy(hiddenValues.get(i), 0, hidden.get(i).w, 0, hidden.get(i).size());
        for (int i = 0; i < cells.size(); i++) System.arraycopy(cellValues.get(i), 0, cells.get(i).w, 0, cells.get(i).size());
    }

    private static void copy(List<Mat> from, List<Mat> to) {
        for (int i = 0; i < to.size(); i++) {
            Mat src = from.get(i);
            Mat dst = to.get(i);
            System.arraycopy(src.w, src.offset, dst.w, 0, dst.size());
        }
    }
}
