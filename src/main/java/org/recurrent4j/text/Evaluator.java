package org.recurrent4j.text;

import java.util.Arrays;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.State;

/**
 * Measures a {@link CharModel} on text without training it: over sentences (each from the zero state, n + 1
 * predictions: its characters and END) or over a continuous text (every character after the first is predicted
 * from all before it in its stream). Each call uses its own graph and state, so many threads may evaluate one
 * model at once.
 */
public final class Evaluator {
    /** Sentences evaluated together, as the columns of one batch. */
    static final int SENTENCE_BATCH = 32;
    /** Steps per graph in continuous evaluation: the tape is reset between chunks, the state carried. */
    static final int CHUNK = 50;

    private Evaluator() {}

    /**
     * Every sentence of {@code data}, which must be encoded with the model's vocabulary (so the vocabulary has
     * START/END: {@link SentenceData} refuses one without).
     */
    public static Evaluation sentences(CharModel model, SentenceData data) {
        if (!model.vocabulary().equals(data.vocabulary())) {
            throw new IllegalArgumentException(data.source() + ": not encoded with the model's vocabulary");
        }
        int capacity = Math.min(SENTENCE_BATCH, data.count());
        SentenceBatch batch = new SentenceBatch(data, capacity);
        CarriedState zero = new CarriedState(model, capacity);
        Graph graph = new Graph(false);
        int[] ids = new int[data.count()];
        Arrays.setAll(ids, i -> i);
        double nats = 0;
        for (int from = 0; from < ids.length; from += capacity) {
            batch.fill(ids, from, Math.min(capacity, ids.length - from));
            graph.reset();
            State s = zero.state();
            for (int t = 0; t < batch.steps(); t++) {
                s = model.forward(graph, batch.sources()[t], s);
                nats += graph.softmaxCrossEntropy(s.output(), batch.targets()[t]);
            }
        }
        return new Evaluation(nats, data.predictions());
    }

    /** The whole text of {@code data} (training and validation splits, in order) as one continuous text. */
    public static Evaluation corpus(CharModel model, CorpusData data, int streams) {
        if (!model.vocabulary().equals(data.vocabulary())) {
            throw new IllegalArgumentException(data.source() + ": not encoded with the model's vocabulary");
        }
        int[] training = data.training();
        int[] validation = data.validation();
        int[] all = Arrays.copyOf(training, training.length + validation.length);
        System.arraycopy(validation, 0, all, training.length, validation.length);
        return corpus(model, all, streams);
    }

    /**
     * A continuous text of character indices (from the vocabulary's first index to |vocab|). Its L − 1 targets (every character after the first)
     * are each predicted once: they are cut into {@code streams} consecutive pieces of ⌈(L − 1)/streams⌉, read in
     * parallel, each from the zero state and its first input being the character just before the piece. With
     * streams = 1 the whole text is read in one pass.
     */
    public static Evaluation corpus(CharModel model, int[] text, int streams) {
        if (streams < 1) throw new IllegalArgumentException("evaluate: streams must be at least 1, got " + streams);
        if (text.length < 2) {
            throw new IllegalArgumentException("evaluate: a continuous text needs at least 2 characters, got " + text.length);
        }
        int vocab = model.vocabulary().size();
        int first = model.vocabulary().firstIndex();
        for (int i = 0; i < text.length; i++) {
            if (text[i] < first || text[i] >= vocab) {
                throw new IllegalArgumentException("evaluate: index " + text[i] + " at " + i
                        + " is not a character of the model's vocabulary (" + first + ".." + (vocab - 1) + ")");
            }
        }
        int targets = text.length - 1;
        int columns = Math.min(streams, targets);
        int piece = (targets + columns - 1) / columns;
        CarriedState carried = new CarriedState(model, columns);
        ChunkScorer scorer = new ChunkScorer(model, columns);
        int[] in = new int[CHUNK * columns];
        int[] out = new int[CHUNK * columns];
        double nats = 0;
        for (int t0 = 0; t0 < piece; t0 += CHUNK) {
            int steps = Math.min(CHUNK, piece - t0);
            if (steps < CHUNK) {
                in = new int[steps * columns];
                out = new int[steps * columns];
            }
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < columns; j++) {
                    int p = j * piece + t0 + t;
                    boolean inside = p < targets;
                    in[t * columns + j] = inside ? text[p] : text[0]; // a pad whose prediction is masked
                    out[t * columns + j] = inside ? text[p + 1] : SentenceBatch.MASKED;
                }
            }
            nats += scorer.score(in, out, carried);
        }
        return new Evaluation(nats, targets);
    }
}
