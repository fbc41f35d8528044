package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.RecurrentModel;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

class CharModelTest {
    private final Vocabulary v = TinyModels.sentences().vocabulary();

    @Test
    void embeddingComesFirstThenTheModelsParametersInRecurrentJsOrder() {
        CharModel m = CharModel.create(v, ModelKind.LSTM, List.of(20, 20), 5, Init.DEFAULT, new SplittableRandom(1));
        List<String> names = m.parameters().stream().map(Parameter::name).toList();
        assertEquals("Wil", names.getFirst());
        assertEquals(List.of("Wix0", "Wih0", "bi0", "Wfx0"), names.subList(1, 5));
        assertEquals(List.of("Whd", "bd"), names.subList(names.size() - 2, names.size()));
        assertEquals(v.size() + "x5", m.embedding().shape());
        assertEquals(v.size(), m.model().outputSize());
        assertEquals(5, m.model().inputSize());
        long count = m.parameters().stream().mapToLong(p -> p.mat().size()).sum();
        assertEquals(count, m.parameterCount());
    }

    @Test
    void everyKindBuildsAndStepsABatch() {
        for (String kind : ModelKind.ids()) {
            CharModel m = CharModel.create(v, ModelKind.of(kind), List.of(6, 4), 3, Init.DEFAULT, new SplittableRandom(2));
            assertEquals(kind, m.kind());
            State s = m.forward(new Graph(false), new int[] {0, 1, 2}, m.initialState(3));
            assertEquals(v.size() + "x3", s.output().shape(), kind);
        }
    }

    @Test
    void aBatchColumnEqualsTheSingleSequenceStep() {
        CharModel m = TinyModels.lstm(v, 3);
        Graph g = new Graph(false);
        Mat batched = m.forward(g, new int[] {2, 5}, m.initialState(2)).output();
        Mat single = m.forward(g, 5, m.initialState(1)).output();
        for (int i = 0; i < single.rows; i++) assertEquals(single.get(i, 0), batched.get(i, 1), 1e-6f);
    }

    @Test
    void mismatchedPartsAreRefusedWithBothShapes() {
        RecurrentModel lstm = ModelKind.LSTM.create(5, List.of(4), v.size(), Init.DEFAULT, new SplittableRandom(1));
        var e = assertThrows(IllegalArgumentException.class, () -> new CharModel(v, new Mat(v.size(), 6), lstm));
        assertTrue(e.getMessage().contains(v.size() + "x6") && e.getMessage().contains(v.size() + "x5"), e.getMessage());
        RecurrentModel wrongOut = ModelKind.LSTM.create(5, List.of(4), 3, Init.DEFAULT, new SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> new CharModel(v, new Mat(v.size(), 5), wrongOut));
        assertThrows(IllegalArgumentException.class,
                () -> CharModel.create(v, ModelKind.LSTM, List.of(4), 0, Init.DEFAULT, new SplittableRandom(1)));
        CharModel m = new CharModel(v, new Mat(v.size(), 5), lstm);
        assertSame(lstm, m.model());
    }
}
