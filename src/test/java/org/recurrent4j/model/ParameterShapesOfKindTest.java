package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shapes a kind reports without building a model are the shapes of the model it builds. */
class ParameterShapesOfKindTest {
    @Test
    void everyKindReportsTheShapesItBuilds() {
        for (ModelKind kind : ModelKind.values()) {
            for (List<Integer> hidden : List.of(List.of(7), List.of(6, 4, 5))) {
                List<Parameter> built = kind.create(3, hidden, 9, Init.DEFAULT, new SplittableRandom(1)).parameters();
                List<long[]> shapes = kind.parameterShapes(3, hidden, 9);
                assertEquals(built.size(), shapes.size(), kind + " " + hidden);
                for (int i = 0; i < shapes.size(); i++) {
                    assertArrayEquals(new long[] {built.get(i).mat().rows, built.get(i).mat().cols}, shapes.get(i),
                            kind + " " + built.get(i).name());
                }
            }
        }
    }

    @Test
    void sizesBeyondAnIntAreWorkedOutWithoutOverflow() {
        long[] recurrent = ModelKind.LSTM.parameterShapes(5, List.of(100_000), 30).get(1);
        assertEquals(10_000_000_000L, recurrent[0] * recurrent[1]);
    }
}
