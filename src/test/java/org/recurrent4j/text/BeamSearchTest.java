package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.State;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;

class BeamSearchTest {
    /** Batched and single-column steps may round differently; a few ulps per step of a short text. */
    private static final double TOLERANCE = 1e-5;

    private final SentenceData data = TinyModels.sentences();
    private final Vocabulary v = data.vocabulary();

    /**
     * A model trained for 100 sentences (well under a second): its texts end at END, and greedy choices often lead
     * to improbable ones (trained further, it learns the five sentences and greedy decoding finds them too).
     */
    private CharModel trained() {
        CharModel m = TinyModels.lstm(v, 23);
        Trainer.sentences(m, data, new RmsProp(), TrainingConfig.sentenceDefaults(), new SplittableRandom(1))
                .train(100, r -> {});
        return m;
    }

    /** Three characters and weights of std 0.5, so that the 121 outputs of length at most 4 have distinct totals. */
    private static CharModel abc(ModelKind kind) {
        return CharModel.create(Vocabulary.fromText("abc"), kind, List.of(7, 5), 3, Init.gaussian(0.5f),
                new SplittableRandom(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn", "gf-lstm"})
    void aBeamAsWideAsTheOutputsGivesTheExhaustiveRanking(String kind) {
        CharModel model = abc(ModelKind.of(kind));
        for (String prime : List.of("", "cab")) {
            List<BeamText> all = exhaustive(model, prime, 4);
            assertEquals(1 + 3 + 9 + 27 + 81, all.size());
            for (int width : new int[] {all.size(), 500}) {
                List<BeamText> beam = new BeamSearch(model).search(prime, 4, width);
                assertEquals(all.size(), beam.size(), "width " + width);
                for (int i = 0; i < all.size(); i++) {
                    BeamText want = all.get(i);
                    BeamText got = beam.get(i);
                    String where = kind + ", prime '" + prime + "', width " + width + ", rank " + i;
                    assertEquals(want.text(), got.text(), where);
                    assertEquals(want.ended(), got.ended(), where);
                    assertEquals(want.logProbability(), got.logProbability(), TOLERANCE, where);
                }
            }
        }
    }

    @Test
    void withoutStartEndTheSearchStartsFromThePrimeAndEveryTextHasTheLimit() {
        // A PyTorch-style vocabulary: index 0 is the character 'a', which must be searched like the others.
        CharModel model = CharModel.create(Vocabulary.withoutStartEnd(List.of("a", "b", "c")),
                ModelKind.GRU_RESET_AFTER, List.of(7, 5), 3, Init.gaussian(0.5f), new SplittableRandom(5));
        List<BeamText> all = exhaustiveWithoutEnd(model, "cab", 4);
        assertEquals(81, all.size());
        List<BeamText> beam = new BeamSearch(model).search("cab", 4, 100);
        assertEquals(all.size(), beam.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).text(), beam.get(i).text(), "rank " + i);
            assertFalse(beam.get(i).ended(), "rank " + i);
            assertEquals(all.get(i).logProbability(), beam.get(i).logProbability(), TOLERANCE, "rank " + i);
        }
        SampleOptions argmax = SampleOptions.defaults().withArgmax(true).withPrime("b").withMaxLength(12);
        assertEquals(new Sampler(model).sample(argmax, new SplittableRandom(1)),
                new BeamSearch(model).search("b", 12, 1).get(0).text(), "width 1 is argmax decoding");
        var e = assertThrows(IllegalArgumentException.class, () -> new BeamSearch(model).search("", 4, 2));
        assertEquals(Sampler.NEEDS_PRIME, e.getMessage());
    }

    /** Every text of exactly {@code length} characters of a model without START/END, scored from the prime alone. */
    private static List<BeamText> exhaustiveWithoutEnd(CharModel model, String prime, int length) {
        List<String> texts = new ArrayList<>(List.of(""));
        for (int n = 0; n < length; n++) {
            List<String> longer = new ArrayList<>();
            for (String t : texts) for (String c : model.vocabulary().characters()) longer.add(t + c);
            texts = longer;
        }
        List<BeamText> out = new ArrayList<>();
        for (String t : texts) {
            Graph graph = new Graph(false);
            State s = null;
            for (int ix : model.vocabulary().encode(prime)) {
                s = model.forward(graph, ix, s == null ? model.initialState(1) : s);
            }
            double total = 0;
            for (int ix : model.vocabulary().encode(t)) {
                total += logSoftmax(s.output(), ix);
                s = model.forward(graph, ix, s);
            }
            out.add(new BeamText(t, total, false));
        }
        out.sort(Comparator.comparingDouble(BeamText::logProbability).reversed());
        return out;
    }

    @Test
    void theReportedLogProbabilityIsTheTextsOwnAndTheResultsAreRankedAndDistinct() {
        CharModel model = trained();
        for (String prime : List.of("", "the ", "a c", "sat")) {
            for (int width : new int[] {1, 3, 10}) {
                List<BeamText> beam = new BeamSearch(model).search(prime, 30, width);
                assertFalse(beam.isEmpty());
                assertTrue(beam.size() <= width);
                assertEquals(beam.size(), new HashSet<>(beam.stream().map(t -> t.text() + t.ended()).toList()).size());
                for (int i = 0; i < beam.size(); i++) {
                    BeamText t = beam.get(i);
                    String where = "prime '" + prime + "', width " + width + ", rank " + i + ": " + t;
                    assertEquals(ownLogProbability(model, prime, t.text(), t.ended()), t.logProbability(), 1e-4, where);
                    assertEquals(t.ended(), t.text().length() < 30, where);
                    if (i > 0) assertTrue(beam.get(i - 1).logProbability() >= t.logProbability(), where);
                }
            }
        }
    }

    @Test
    void onATrainedModelBeamSearchFindsMoreProbableTextsThanGreedyArgmax() {
        CharModel model = trained();
        Sampler sampler = new Sampler(model);
        List<String> primes = new ArrayList<>();
        for (String line : TinyModels.SENTENCES.split("\n")) {
            for (int n = 0; n < Math.min(line.length(), 6); n++) primes.add(line.substring(0, n));
        }
        int length = 25;
        double beamTotal = 0;
        double greedyTotal = 0;
        int better = 0;
        for (String prime : primes) {
            SampleOptions argmax = SampleOptions.defaults().withArgmax(true).withPrime(prime).withMaxLength(length);
            String greedy = sampler.sample(argmax, new SplittableRandom(1));
            double g = ownLogProbability(model, prime, greedy, greedy.length() < length);
            double b = new BeamSearch(model).search(prime, length, 8).get(0).logProbability();
            greedyTotal += g;
            beamTotal += b;
            if (b > g) better++;
        }
        double beamMean = beamTotal / primes.size();
        double greedyMean = greedyTotal / primes.size();
        // Measured: -1.95 nats against -3.35 to -3.65 (the vector width changes the training's rounding).
        String what = "over " + primes.size() + " primes: beam of 8 " + beamMean + " nats, greedy " + greedyMean
                + ", beam better for " + better;
        assertTrue(beamMean > greedyMean + 0.5, what);
        assertTrue(better >= primes.size() / 4, what);
    }

    @Test
    void widthOneIsArgmaxDecoding() {
        CharModel model = trained();
        Sampler sampler = new Sampler(model);
        for (String prime : List.of("", "t", "the h", "on the mat")) {
            for (int length : new int[] {1, 7, 40}) {
                SampleOptions argmax = SampleOptions.defaults().withArgmax(true).withPrime(prime).withMaxLength(length);
                BeamText best = new BeamSearch(model).search(prime, length, 1).get(0);
                assertEquals(sampler.sample(argmax, new SplittableRandom(1)), best.text(), "prime '" + prime + "'");
            }
        }
    }

    @Test
    void aTextEndsAtEndAndItsProbabilityCountsEnd() {
        CharModel model = TinyModels.lstm(v, 22);
        Mat bd = model.model().parameters().stream().filter(p -> p.name().equals("bd")).map(Parameter::mat)
                .findFirst().orElseThrow();
        bd.w[bd.offset + Vocabulary.END] = 100f; // END is all but certain
        List<BeamText> beam = new BeamSearch(model).search("the c", 10, 3);
        assertEquals("", beam.get(0).text());
        assertTrue(beam.get(0).ended());
        assertEquals(ownLogProbability(model, "the c", "", true), beam.get(0).logProbability(), 1e-6);
        assertTrue(beam.get(0).logProbability() > -1e-3, "END's own probability is about 1");
    }

    @Test
    void equalTotalsKeepThePreviousRankingThenTheVocabularyOrderWithEndFirst() {
        // All logits are zero: every index has probability 1/4, so texts of equal length tie.
        CharModel model = TinyModels.zero(Vocabulary.fromText("abc"));
        List<BeamText> beam = new BeamSearch(model).search("", 2, 6);
        List<String> shown = beam.stream().map(t -> t.text() + (t.ended() ? "$" : "")).toList();
        assertEquals(List.of("$", "a$", "aa", "ab", "ac", "b$"), shown);
        double log4 = Math.log(4);
        assertEquals(-log4, beam.get(0).logProbability(), 1e-6);
        for (int i = 1; i < 6; i++) assertEquals(beam.get(1).logProbability(), beam.get(i).logProbability());
        assertEquals(-2 * log4, beam.get(1).logProbability(), 1e-6);
    }

    @Test
    void fourThreadsSearchingOneModelEachMatchASingleThreadedRun() throws Exception {
        CharModel model = trained();
        BeamSearch search = new BeamSearch(model);
        List<String> primes = List.of("", "the ", "a c", "on t");
        List<List<BeamText>> expected = primes.stream().map(p -> search.search(p, 30, 5)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<BeamText>>>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    List<List<BeamText>> mine = new ArrayList<>();
                    for (int k = 0; k < 10; k++) for (String p : primes) mine.add(search.search(p, 30, 5));
                    return mine;
                }));
            }
            for (Future<List<List<BeamText>>> f : results) {
                List<List<BeamText>> mine = f.get();
                for (int i = 0; i < mine.size(); i++) assertEquals(expected.get(i % primes.size()), mine.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void argumentsAreChecked() {
        BeamSearch search = new BeamSearch(TinyModels.lstm(v, 23));
        assertThrows(IllegalArgumentException.class, () -> search.search("", 10, 0));
        assertThrows(IllegalArgumentException.class, () -> search.search("", -1, 2));
        assertThrows(IllegalArgumentException.class, () -> search.search("", Integer.MAX_VALUE, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> search.search("thQe", 10, 2));
        assertTrue(e.getMessage().contains("'Q'") && e.getMessage().contains("position 3"), e.getMessage());
        assertEquals(List.of(new BeamText("", 0.0, false)), search.search("the", 0, 4));
    }

    /**
     * Every output of at most {@code length} characters (shorter ones followed by END), each scored on its own,
     * ranked best first.
     */
    private static List<BeamText> exhaustive(CharModel model, String prime, int length) {
        List<BeamText> out = new ArrayList<>();
        List<String> texts = new ArrayList<>(List.of(""));
        for (int n = 0; n <= length; n++) {
            List<String> longer = new ArrayList<>();
            for (String t : texts) {
                boolean ended = n < length;
                out.add(new BeamText(t, ownLogProbability(model, prime, t, ended), ended));
                for (String c : model.vocabulary().characters()) longer.add(t + c);
            }
            texts = longer;
        }
        out.sort(Comparator.comparingDouble(BeamText::logProbability).reversed());
        return out;
    }

    /**
     * The log-probability of {@code text} (then END if {@code ended}) after START and the prime, fed one character
     * at a time through a single column, with the log-softmax in double precision.
     */
    static double ownLogProbability(CharModel model, String prime, String text, boolean ended) {
        Graph graph = new Graph(false);
        State s = model.forward(graph, Vocabulary.START, model.initialState(1));
        for (int ix : model.vocabulary().encode(prime)) s = model.forward(graph, ix, s);
        double total = 0;
        for (int ix : model.vocabulary().encode(text)) {
            total += logSoftmax(s.output(), ix);
            s = model.forward(graph, ix, s);
        }
        return ended ? total + logSoftmax(s.output(), Vocabulary.END) : total;
    }

    private static double logSoftmax(Mat logits, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.rows; i++) max = Math.max(max, logits.get(i, 0));
        double sum = 0;
        for (int i = 0; i < logits.rows; i++) sum += Math.exp(logits.get(i, 0) - max);
        return logits.get(index, 0) - max - Math.log(sum);
    }
}
