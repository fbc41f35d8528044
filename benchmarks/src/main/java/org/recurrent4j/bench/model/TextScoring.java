package org.recurrent4j.bench.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.State;
import org.recurrent4j.text.CarriedState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * Inference as an imported PyTorch character model does it: B streams of text read in chunks of T characters on a
 * graph that records nothing, the state carried from chunk to chunk, and every step's logits scored against the
 * next character (the log-softmax at the target, as {@code eval} does). The model reads an embedding, has L equal
 * layers and a vocabulary without START/END, as an import gives; its weights are drawn at random.
 */
final class TextScoring {
    private final CharModel model;
    private final Graph graph = new Graph(false);
    private final CarriedState carried;
    /** inputs[t][j]: the character of stream j at step t of the chunk; step t predicts inputs[t + 1]. */
    private final int[][] inputs;

    TextScoring(ModelKind kind, int vocabulary, int embed, int hidden, int layers, int batch, int steps,
                RandomGenerator rng) {
        List<String> characters = new ArrayList<>();
        for (int i = 0; i < vocabulary; i++) characters.add(Character.toString(0x21 + i));
        model = CharModel.create(Vocabulary.withoutStartEnd(characters), kind, Collections.nCopies(layers, hidden),
                embed, Init.DEFAULT, rng);
        carried = new CarriedState(model, batch);
        inputs = new int[steps + 1][batch];
        for (int[] step : inputs) for (int j = 0; j < batch; j++) step[j] = rng.nextInt(vocabulary);
    }

    /** Scores one chunk, carrying the state on; returns its nats. */
    double run() {
        graph.reset();
        State s = carried.state();
        double nats = 0;
        for (int t = 0; t + 1 < inputs.length; t++) {
            s = model.forward(graph, inputs[t], s);
            nats += graph.softmaxCrossEntropy(s.output(), inputs[t + 1]);
        }
        carried.copyFrom(s);
        return nats;
    }
}
