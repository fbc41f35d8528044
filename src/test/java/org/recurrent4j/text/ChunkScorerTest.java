package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.State;

/** A chunk scores what stepping the model through it scores, and carries the state on, for every kind. */
class ChunkScorerTest {

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn-tanh", "gf-lstm", "gru-reset-after"})
    void scoresWhatTheStepsScore(String kind) {
        Vocabulary v = TinyModels.sentences().vocabulary();
        CharModel model = CharModel.create(v, ModelKind.of(kind), List.of(6, 5), 4, Init.DEFAULT,
                new SplittableRandom(3));
        int batch = 3, steps = 4;
        SplittableRandom rng = new SplittableRandom(4);
        ChunkScorer scorer = new ChunkScorer(model, batch);
        CarriedState carried = new CarriedState(model, batch);
        State reference = model.initialState(batch);
        for (int chunk = 0; chunk < 3; chunk++) {
            int[] in = new int[steps * batch];
            int[] out = new int[steps * batch];
            for (int i = 0; i < in.length; i++) {
                in[i] = 1 + rng.nextInt(v.size() - 1);
                out[i] = i == 4 ? SentenceBatch.MASKED : 1 + rng.nextInt(v.size() - 1);
            }
            double expected = 0;
            Graph g = new Graph(false);
            for (int t = 0; t < steps; t++) {
                int[] x = java.util.Arrays.copyOfRange(in, t * batch, t * batch + batch);
                int[] y = java.util.Arrays.copyOfRange(out, t * batch, t * batch + batch);
                reference = model.forward(g, x, reference);
                expected += g.softmaxCrossEntropy(reference.output(), y);
            }
            reference = reference.copy();
            double nats = scorer.score(in, out, carried);
            assertEquals(expected, nats, 1e-4 * Math.abs(expected), kind + ", chunk " + chunk);
            for (int j = 0; j < reference.hidden().size(); j++) {
                assertArrayEquals(reference.hidden().get(j).w, carried.state().hidden().get(j).w, 1e-5f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> scorer.score(new int[4], new int[4], carried));
    }
}
