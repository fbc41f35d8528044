package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

class ParameterShapesTest {
    @Test
    void theShapesAreThoseOfEveryModelKind() {
        Vocabulary v = Vocabulary.fromText("abcdefg");
        for (ModelKind kind : ModelKind.values()) {
            for (List<Integer> hidden : List.of(List.of(3), List.of(4, 2), List.of(2, 5, 3))) {
                CharModel m = CharModel.create(v, kind, hidden, 3, Init.DEFAULT, new SplittableRandom(1));
                List<ParameterShapes.Shape> actual = m.parameters().stream()
                        .map(p -> new ParameterShapes.Shape(p.name(), p.mat().rows, p.mat().cols)).toList();
                assertEquals(actual, ParameterShapes.of(kind, 3, hidden, v.size(), 1000), kind + " " + hidden);
                assertEquals(m.parameterCount(), ParameterShapes.size(actual));
            }
        }
    }

    @Test
    void hostileSizesAreRefusedWithoutAllocating() {
        assertThrows(IllegalArgumentException.class,
                () -> ParameterShapes.of(ModelKind.GF_LSTM, 5, java.util.Collections.nCopies(100_000, 1), 10, 1000));
        assertThrows(IllegalArgumentException.class,
                () -> ParameterShapes.of(ModelKind.LSTM, 5, List.of(Integer.MAX_VALUE, Integer.MAX_VALUE), 10, 1000));
        assertThrows(IllegalArgumentException.class, () -> ParameterShapes.of(ModelKind.RNN, 0, List.of(3), 10, 1000));
        assertThrows(IllegalArgumentException.class, () -> ParameterShapes.of(ModelKind.RNN, 2, List.of(-3), 10, 1000));
        long huge = ParameterShapes.size(ParameterShapes.of(ModelKind.LSTM, 5, List.of(1 << 20), 10, 1000));
        assertEquals(true, huge > 1L << 40, "sizes are long, not int: " + huge);
    }
}
