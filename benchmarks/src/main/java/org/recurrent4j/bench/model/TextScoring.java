package org.recurrent4j.bench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CarriedState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.ChunkScorer;
import org.recurrent4j.text.Vocabulary;

/**
 * Inference as an imported PyTorch character model does it: B streams of text read in chunks of T characters by a
 * {@link ChunkScorer} (whole chunks at once where the model has a sequence form), the state carried from chunk to
 * chunk, and every step's logits scored against the next character (the log-softmax at the target, as {@code eval} does). The model reads an embedding, has L equal
 * layers and a vocabulary without START/END, as an import gives; its weights are drawn at random.
 */
final class TextScoring {
    private final ChunkScorer scorer;
    private final CarriedState carried;
    /** Step-major: entry t·batch + j is the character of stream j at step t, which predicts the next step's. */
    private final int[] inputs;
    private final int[] targets;

    TextScoring(ModelKind kind, int vocabulary, int embed, int hidden, int layers, int batch, int steps,
                RandomGenerator rng) {
        List<String> characters = new ArrayList<>();
        for (int i = 0; i < vocabulary; i++) characters.add(Character.toString(0x21 + i));
        CharModel model = CharModel.create(Vocabulary.withoutStartEnd(characters), kind,
                Collections.nCopies(layers, hidden), embed, Init.DEFAULT, rng);
        scorer = new ChunkScorer(model, batch);
        carried = new CarriedState(model, batch);
        int[] text = new int[(steps + 1) * batch];
        for (int i = 0; i < text.length; i++) text[i] = rng.nextInt(vocabulary);
        inputs = Arrays.copyOf(text, steps * batch);
        targets = Arrays.copyOfRange(text, batch, text.length);
    }

    /** Scores one chunk, carrying the state on; returns its nats. */
    double run() {
        return scorer.score(inputs, targets, carried);
    }
}
