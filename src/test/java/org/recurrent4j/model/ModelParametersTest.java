package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * Parameter names, order and shapes of every model (docs/math.md#parameter-names), initialisation, kinds and shape
 * errors.
 */
class ModelParametersTest {

    private static List<String> names(RecurrentModel m) {
        return m.parameters().stream().map(Parameter::name).toList();
    }

    private static Map<String, String> shapes(RecurrentModel m) {
        Map<String, String> shapes = new java.util.LinkedHashMap<>();
        for (Parameter p : m.parameters()) shapes.put(p.name(), p.mat().shape());
        return shapes;
    }

    @Test
    void lstmHasRecurrentJsNamesAndShapes() {
        RecurrentModel lstm = new Lstm(10, List.of(20, 20), 2, Init.DEFAULT, new SplittableRandom(1));
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            for (String g : List.of("i", "f", "o", "c")) {
                expected.addAll(List.of("W" + g + "x" + j, "W" + g + "h" + j, "b" + g + j));
            }
        }
        expected.addAll(List.of("Whd", "bd"));
        assertEquals(expected, names(lstm));
        Map<String, String> s = shapes(lstm);
        assertEquals("20x10", s.get("Wix0"));
        assertEquals("20x20", s.get("Wch0"));
        assertEquals("20x1", s.get("bc0"));
        assertEquals("20x20", s.get("Wfx1"));
        assertEquals("20x20", s.get("Woh1"));
        assertEquals("2x20", s.get("Whd"));
        assertEquals("2x1", s.get("bd"));
        assertEquals("lstm", lstm.kind());
    }

    @Test
    void rnnAndGruNames() {
        RecurrentModel rnn = new Rnn(3, List.of(5, 4), 2, Init.DEFAULT, new SplittableRandom(1));
        assertEquals(List.of("Wxh0", "Whh0", "bhh0", "Wxh1", "Whh1", "bhh1", "Whd", "bd"), names(rnn));
        assertEquals("4x5", shapes(rnn).get("Wxh1"));
        RecurrentModel gru = new Gru(3, List.of(5), 2, Init.DEFAULT, new SplittableRandom(1));
        assertEquals(List.of("Wux0", "Wuh0", "bu0", "Wrx0", "Wrh0", "br0", "Wcx0", "Wch0", "bc0", "Whd", "bd"),
                names(gru));
        assertEquals("5x3", shapes(gru).get("Wcx0"));
        assertEquals("5x5", shapes(gru).get("Wch0"));
    }

    @Test
    void resetAfterGruNamesFollowPyTorchsGateOrderWithTheCandidatesRecurrentBiasApart() {
        RecurrentModel gru = new GruResetAfter(3, List.of(5, 4), 2, Init.DEFAULT, new SplittableRandom(1));
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            for (String g : List.of("r", "z", "n")) expected.addAll(List.of("W" + g + "x" + j, "W" + g + "h" + j, "b" + g + j));
            expected.add("bnh" + j);
        }
        expected.addAll(List.of("Whd", "bd"));
        assertEquals(expected, names(gru));
        assertEquals("5x3", shapes(gru).get("Wnx0"));
        assertEquals("4x5", shapes(gru).get("Wzx1"));
        assertEquals("4x4", shapes(gru).get("Wnh1"));
        assertEquals("4x1", shapes(gru).get("bnh1"));
        assertEquals("gru-reset-after", gru.kind());
    }

    /** The feedback part of layer j's names: U^{i→j} for every i, the bias, then the gates of every i. */
    private static List<String> feedbackNames(String w, String u, String bias, int j) {
        List<String> names = new ArrayList<>(List.of(w + j));
        for (int i = 0; i < 3; i++) names.add(u + i + "to" + j);
        names.add(bias + j);
        for (int i = 0; i < 3; i++) {
            names.addAll(List.of("Wgx" + i + "to" + j, "Wgh" + i + "to" + j, "bg" + i + "to" + j));
        }
        return names;
    }

    @Test
    void gatedFeedbackNamesWithUnequalSizes() {
        List<Integer> sizes = List.of(4, 6, 3);
        List<String> rnn = new ArrayList<>(), gru = new ArrayList<>(), lstm = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            rnn.addAll(feedbackNames("Wxh", "Whh", "bhh", j));
            gru.addAll(List.of("Wux" + j, "Wuh" + j, "bu" + j, "Wrx" + j, "Wrh" + j, "br" + j));
            gru.addAll(feedbackNames("Wcx", "Wch", "bc", j));
            for (String g : List.of("i", "f", "o")) {
                lstm.addAll(List.of("W" + g + "x" + j, "W" + g + "h" + j, "b" + g + j));
            }
            lstm.addAll(feedbackNames("Wcx", "Wch", "bc", j));
        }
        for (List<String> l : List.of(rnn, gru, lstm)) l.addAll(List.of("Whd", "bd"));
        assertEquals(rnn, names(new GfRnn(5, sizes, 2, Init.DEFAULT, new SplittableRandom(1))));
        assertEquals(gru, names(new GfGru(5, sizes, 2, Init.DEFAULT, new SplittableRandom(1))));
        assertEquals(lstm, names(new GfLstm(5, sizes, 2, Init.DEFAULT, new SplittableRandom(1))));
    }

    @ParameterizedTest
    @EnumSource(value = FeedbackGate.class)
    void gatedFeedbackShapes(FeedbackGate gate) {
        List<Integer> sizes = List.of(4, 6, 3);
        int[] inputs = {5, 4, 6};
        for (RecurrentModel m : List.of(new GfRnn(5, sizes, 2, gate, Init.DEFAULT, new SplittableRandom(1)),
                new GfGru(5, sizes, 2, gate, Init.DEFAULT, new SplittableRandom(1)),
                new GfLstm(5, sizes, 2, gate, Init.DEFAULT, new SplittableRandom(1)))) {
            Map<String, String> s = shapes(m);
            String u = m instanceof GfRnn ? "Whh" : "Wch";
            for (int j = 0; j < 3; j++) {
                int gateRows = gate == FeedbackGate.VECTOR ? sizes.get(j) : 1;
                for (int i = 0; i < 3; i++) {
                    String pair = i + "to" + j;
                    assertEquals(sizes.get(j) + "x" + sizes.get(i), s.get(u + pair), m.kind() + " " + u + pair);
                    assertEquals(gateRows + "x" + inputs[j], s.get("Wgx" + pair), m.kind());
                    assertEquals(gateRows + "x13", s.get("Wgh" + pair), m.kind());
                    assertEquals(gateRows + "x1", s.get("bg" + pair), m.kind());
                }
            }
            assertEquals("2x3", s.get("Whd"));
            String base = m instanceof GfRnn ? "gf-rnn" : m instanceof GfGru ? "gf-gru" : "gf-lstm";
            assertEquals(gate == FeedbackGate.SCALAR ? base + "-scalar" : base, m.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void parametersAreDistinctZeroBiasedAndWithinInit(ModelKind kind) {
        RecurrentModel m = kind.create(5, List.of(4, 6, 3), 2, Init.uniform(0.08f), new SplittableRandom(2));
        assertEquals(kind.id(), m.kind());
        assertEquals(kind, ModelKind.of(m.kind()));
        Set<String> seenNames = new HashSet<>();
        Map<float[], Set<Integer>> covered = new IdentityHashMap<>();
        for (Parameter p : m.parameters()) {
            assertTrue(seenNames.add(p.name()), "duplicate name " + p.name());
            Mat mat = p.mat();
            Set<Integer> cells = covered.computeIfAbsent(mat.w, a -> new HashSet<>());
            boolean isBias = p.name().startsWith("b");
            boolean nonZero = false;
            for (int k = mat.offset; k < mat.offset + mat.size(); k++) {
                assertTrue(cells.add(k), p.name() + " shares storage with another parameter");
                if (isBias) assertEquals(0f, mat.w[k], p.name());
                assertTrue(Math.abs(mat.w[k]) <= 0.08f, p.name());
                nonZero |= mat.w[k] != 0f;
            }
            assertEquals(!isBias, nonZero, p.name() + " initialisation");
        }
        assertEquals(List.of(4, 6, 3), m.hiddenSizes());
        assertEquals(5, m.inputSize());
        assertEquals(2, m.outputSize());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void sameSeedSameWeights(ModelKind kind) {
        RecurrentModel a = kind.create(3, List.of(4, 2), 3, Init.gaussian(0.5f), new SplittableRandom(9));
        RecurrentModel b = kind.create(3, List.of(4, 2), 3, Init.gaussian(0.5f), new SplittableRandom(9));
        for (int p = 0; p < a.parameters().size(); p++) {
            Mat x = a.parameters().get(p).mat(), y = b.parameters().get(p).mat();
            for (int r = 0; r < x.rows; r++) {
                for (int c = 0; c < x.cols; c++) assertEquals(x.get(r, c), y.get(r, c));
            }
        }
    }

    @Test
    void gaussianInitHasTheRequestedSpread() {
        Lstm m = new Lstm(50, List.of(100), 2, Init.gaussian(0.08f), new SplittableRandom(3));
        double sum = 0, squares = 0;
        int n = 0;
        for (Parameter p : m.parameters()) {
            if (p.name().startsWith("b")) continue;
            for (int r = 0; r < p.mat().rows; r++) {
                for (int c = 0; c < p.mat().cols; c++) {
                    double v = p.mat().get(r, c);
                    sum += v;
                    squares += v * v;
                    n++;
                }
            }
        }
        double mean = sum / n, std = Math.sqrt(squares / n - mean * mean);
        assertEquals(0, mean, 0.002);
        assertEquals(0.08, std, 0.002);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void initialStateIsZeroWithCellsOnlyForLstms(ModelKind kind) {
        RecurrentModel m = kind.create(3, List.of(4, 2), 3, Init.DEFAULT, new SplittableRandom(9));
        State s = m.initialState(5);
        assertEquals(List.of("4x5", "2x5"), s.hidden().stream().map(Mat::shape).toList());
        boolean lstm = kind.id().contains("lstm");
        assertEquals(lstm ? List.of("4x5", "2x5") : List.of(), s.cells().stream().map(Mat::shape).toList());
        assertNull(s.output());
        assertEquals(5, s.batch());
    }

    @Test
    void unknownKindListsTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelKind.of("transformer"));
        assertTrue(e.getMessage().contains("gf-lstm"), e.getMessage());
        assertEquals(List.of("rnn", "rnn-tanh", "lstm", "gru", "gru-reset-after", "gf-rnn", "gf-rnn-scalar", "gf-gru", "gf-gru-scalar",
                "gf-lstm", "gf-lstm-scalar"), ModelKind.ids());
    }

    @Test
    void badSizesAndShapesAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class, () -> new Lstm(3, List.of(), 2, Init.DEFAULT, rng));
        assertThrows(IllegalArgumentException.class, () -> new Gru(3, List.of(4, 0), 2, Init.DEFAULT, rng));
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(-1f));
        RecurrentModel m = new Lstm(3, List.of(4, 2), 2, Init.DEFAULT, rng);
        var e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(new Graph(), new Mat(5, 2), m.initialState(2)));
        assertTrue(e.getMessage().contains("5x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(new Graph(), new Mat(3, 2), m.initialState(3)));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("4x2"), e.getMessage());
        RecurrentModel rnn = new Rnn(3, List.of(4, 2), 2, Init.DEFAULT, rng);
        assertThrows(IllegalArgumentException.class, () -> rnn.forward(new Graph(), new Mat(3, 1), m.initialState(1)));
    }

    @Test
    void stateCopySurvivesAGraphReset() {
        RecurrentModel m = new Lstm(3, List.of(4), 2, Init.DEFAULT, new SplittableRandom(4));
        Graph g = new Graph(false);
        State s = m.forward(g, Mat.uniform(3, 2, 1f, new SplittableRandom(5)), m.initialState(2));
        State copy = s.copy();
        float h = s.hidden().getFirst().get(1, 1), c = s.cells().getFirst().get(2, 0), y = s.output().get(1, 0);
        g.reset();
        m.forward(g, Mat.uniform(3, 2, 1f, new SplittableRandom(6)), m.initialState(2));
        assertEquals(h, copy.hidden().getFirst().get(1, 1));
        assertEquals(c, copy.cells().getFirst().get(2, 0));
        assertEquals(y, copy.output().get(1, 0));
        assertNull(m.initialState(1).copy().output());
    }
}
