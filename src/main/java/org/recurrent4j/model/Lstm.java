package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The stacked LSTM without peepholes (docs/math.md#lstm), kind {@code lstm}. Parameters per layer j, as
 * RecurrentJS names them: {@code Wix{j} Wih{j} bi{j} Wfx{j} Wfh{j} bf{j} Wox{j} Woh{j} bo{j} Wcx{j} Wch{j} bc{j}},
 * then {@code Whd bd}. Each layer stores its four input matrices as row blocks of one (4H)×P matrix, its four
 * recurrent matrices as one (4H)×H and its biases as one (4H)×1, so that a step makes one product of each.
 */
public final class Lstm extends StackedModel {
    /** The gate order of the fused matrices; the cell op reads i, f, o, ĉ in this order. */
    private static final String[] GATES = {"i", "f", "o", "c"};

    private final RowBlocks[] wx;
    private final RowBlocks[] wh;
    private final RowBlocks[] b;

    public Lstm(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        List<Integer> sizes = checkSizes("lstm", inputSize, hiddenSizes, outputSize, init, rng);
        List<Parameter> params = new ArrayList<>();
        GateWeights gw = GateWeights.create(GATES, inputSize, sizes, params, init, rng);
        this.wx = gw.wx();
        this.wh = gw.wh();
        this.b = gw.b();
        super("lstm", inputSize, sizes, outputSize, true, params, init, rng);
    }

    /**
     * Per layer, one product for all four gates' inputs, one for their recurrent terms and one bias add give the
     * 4H×B pre-activations [i; f; o; ĉ]; the fused cell op turns them and c₋₁ into [c; h].
     */
    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        for (int j = 0; j < wx.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
            Mat cPrev = previous.cells().get(j);
            Mat pre = affine(g, wx[j].whole, in, wh[j].whole, previous.hidden().get(j), b[j].whole);
            Mat cellAndHidden = g.lstmCell(pre, cPrev);
            cells[j] = g.rowBlock(cellAndHidden, 0, cPrev.rows);
            hidden[j] = g.rowBlock(cellAndHidden, cPrev.rows, cPrev.rows);
        }
    }

    @Override
    public boolean hasSequenceForm() {
        return true;
    }

    /** Per layer: one product for every step's input gates, the recurrence, then the decoder on every step. */
    @Override
    Mat sequence(Graph g, FirstProjection first, int batch, State initial, State last, Dropout dropout) {
        Mat in = null;
        for (int j = 0; j < wx.length; j++) {
            Mat pre = j == 0 ? first.project(g, wx[0].whole, b[0].whole)
                    : g.linearRows(dropout.apply(g, in), wx[j].whole, b[j].whole);
            in = g.lstmLayer(pre, wh[j].whole, initial.hidden().get(j), initial.cells().get(j), batch,
                    last == null ? null : last.hidden().get(j), last == null ? null : last.cells().get(j));
        }
        return decodeRows(g, in, dropout);
    }
}
