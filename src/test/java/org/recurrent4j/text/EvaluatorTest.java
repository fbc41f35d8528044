package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.State;

class EvaluatorTest {
    private final SentenceData data = TinyModels.sentences();
    private final Vocabulary v = data.vocabulary();
    private final String text = "the cat sat on the mat the hat is on the cat a cat sat on a hat ".repeat(2).strip();

    @Test
    void aModelWithAllLogitsZeroHasPerplexityEqualToTheNumberOfOutputs() {
        CharModel zero = TinyModels.zero(v);
        int outputs = v.size(); // the characters and START/END
        Evaluation s = Evaluator.sentences(zero, data);
        assertEquals(data.predictions(), s.predictions());
        assertEquals(s.predictions() * Math.log(outputs), s.nats(), 1e-5 * s.nats());
        assertEquals(outputs, s.perplexity(), 1e-5 * outputs);
        assertEquals(Math.log(outputs) / Math.log(2), s.bitsPerChar(), 1e-5);
        int[] indices = v.encode("the cat sat on the mat");
        for (int streams : new int[] {1, 3, 100}) {
            Evaluation c = Evaluator.corpus(zero, indices, streams);
            assertEquals(indices.length - 1, c.predictions(), "streams " + streams);
            assertEquals(outputs, c.perplexity(), 1e-5 * outputs);
        }
    }

    @Test
    void sentencesAreEachReadFromTheZeroStateWithNPlusOnePredictions() {
        CharModel model = TinyModels.lstm(v, 11);
        double expected = 0;
        for (int i = 0; i < data.count(); i++) {
            int[] s = data.sentence(i);
            Graph g = new Graph(false);
            State state = model.initialState(1);
            for (int t = 0; t <= s.length; t++) {
                state = model.forward(g, t == 0 ? Vocabulary.START : s[t - 1], state);
                expected += g.softmaxCrossEntropy(state.output(), t < s.length ? s[t] : Vocabulary.END);
            }
        }
        Evaluation e = Evaluator.sentences(model, data);
        assertEquals(expected, e.nats(), 1e-6 * expected);
    }

    @Test
    void aContinuousTextIsReadInOnePassOrInPiecesFromTheZeroState() {
        CharModel model = TinyModels.lstm(v, 12);
        int[] indices = v.encode(text);
        assertTrue(indices.length > 2 * Evaluator.CHUNK, "the text spans several chunks");
        assertEquals(continuous(model, indices, 0, indices.length), Evaluator.corpus(model, indices, 1).nats(), 1e-4);
        // two streams: targets 1..L-1 cut in halves of ⌈(L−1)/2⌉
        int piece = (indices.length - 1 + 1) / 2;
        double twoPieces = continuous(model, indices, 0, piece + 1) + continuous(model, indices, piece, indices.length);
        Evaluation e = Evaluator.corpus(model, indices, 2);
        assertEquals(twoPieces, e.nats(), 1e-4);
        assertEquals(indices.length - 1, e.predictions());
    }

    /** The nats of predicting text[from + 1 .. to) from the zero state, one character at a time. */
    private static double continuous(CharModel model, int[] text, int from, int to) {
        Graph g = new Graph(false);
        State s = model.initialState(1);
        double nats = 0;
        for (int p = from; p + 1 < to; p++) {
            s = model.forward(g, text[p], s);
            nats += g.softmaxCrossEntropy(s.output(), text[p + 1]);
        }
        return nats;
    }

    @Test
    void theWholeCorpusIsTrainingThenValidation() {
        CharModel model = TinyModels.lstm(v, 13);
        CorpusData corpus = CorpusData.fromText(text, v, "mem");
        assertEquals(Evaluator.corpus(model, v.encode(text), 2).nats(), Evaluator.corpus(model, corpus, 2).nats(), 1e-9);
    }

    @Test
    void withoutStartEndTheCorpusIsReadFromItsFirstCharacterAndSentencesAreRefused() {
        Vocabulary plain = Vocabulary.withoutStartEnd(v.characters());
        CharModel model = CharModel.create(plain, org.recurrent4j.model.ModelKind.LSTM, java.util.List.of(8), 4,
                org.recurrent4j.model.Init.gaussian(0.5f), new java.util.SplittableRandom(3));
        int[] indices = plain.encode(text);
        assertTrue(java.util.Arrays.stream(indices).anyMatch(i -> i == 0), "index 0 is a character of the text");
        assertEquals(continuous(model, indices, 0, indices.length), Evaluator.corpus(model, indices, 1).nats(), 1e-4);
        Evaluation e = Evaluator.corpus(model, CorpusData.fromText(text, plain, "mem"), 3);
        assertEquals(indices.length - 1, e.predictions());
        assertThrows(IllegalArgumentException.class, () -> Evaluator.corpus(model, new int[] {0, plain.size()}, 1));
        var refused = assertThrows(IllegalArgumentException.class, () -> SentenceData.fromText(text, plain, "s.txt"));
        assertTrue(refused.getMessage().contains("sentence mode needs the START/END index"), refused.getMessage());
    }

    @Test
    void badInputIsRefused() {
        CharModel model = TinyModels.lstm(v, 14);
        assertThrows(IllegalArgumentException.class, () -> Evaluator.corpus(model, new int[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Evaluator.corpus(model, new int[] {1, 0, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> Evaluator.corpus(model, new int[] {1, v.size()}, 1));
        assertThrows(IllegalArgumentException.class, () -> Evaluator.corpus(model, new int[] {1, 2}, 0));
        SentenceData other = SentenceData.fromText("xyz", 1, "other");
        assertThrows(IllegalArgumentException.class, () -> Evaluator.sentences(model, other));
        assertThrows(IllegalArgumentException.class, () -> new Evaluation(1, 0));
    }
}
