package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * Every model's forward pass equals the formulas of docs/math.md#models, computed independently in double
 * precision ({@link ReferenceForward}), over 6 steps with a batch of 3 and unequal layer sizes: hidden states,
 * cells and outputs agree within 1e-4 absolute (float rounding on values of order 1). A dropped or misrouted term (say
 * U^{1→0} fed with the wrong layer, or a gate missing from a cell) moves them by far more.
 */
class ReferenceForwardTest {
    private static final int STEPS = 6, BATCH = 3, INPUT = 5, OUTPUT = 3;
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void forwardMatchesTheFormulas(ModelKind kind) {
        RecurrentModel m = Fixtures.model(kind, INPUT, OUTPUT, 0.5f, 21);
        ReferenceForward reference = new ReferenceForward(m);
        List<Mat> xs = Fixtures.sequence(STEPS, INPUT, BATCH, 22);
        State s = Fixtures.randomState(m, BATCH, 23);
        List<double[][]> h = s.hidden().stream().map(ReferenceForward::of).toList();
        List<double[][]> c = s.cells().stream().map(ReferenceForward::of).toList();
        Graph g = new Graph(false);
        for (int t = 0; t < STEPS; t++) {
            s = m.forward(g, xs.get(t), s);
            ReferenceForward.Step expected = reference.step(ReferenceForward.of(xs.get(t)), h, c);
            for (int j = 0; j < h.size(); j++) {
                assertClose(expected.hidden().get(j), s.hidden().get(j), kind + " h" + j);
            }
            for (int j = 0; j < c.size(); j++) {
                assertClose(expected.cells().get(j), s.cells().get(j), kind + " c" + j);
            }
            assertClose(expected.output(), s.output(), kind + " output at step " + t);
            h = expected.hidden();
            c = expected.cells();
        }
    }

    private static void assertClose(double[][] expected, Mat actual, String what) {
        assertEquals(expected.length + "x" + expected[0].length, actual.shape(), what);
        for (int r = 0; r < actual.rows; r++) {
            for (int col = 0; col < actual.cols; col++) {
                assertEquals(expected[r][col], actual.get(r, col), TOLERANCE, what + " (" + r + ", " + col + ")");
            }
        }
    }
}
