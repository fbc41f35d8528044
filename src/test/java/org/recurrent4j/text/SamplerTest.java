package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;

class SamplerTest {
    private final SentenceData data = TinyModels.sentences();
    private final Vocabulary v = data.vocabulary();

    /** A model trained a little, so that samples are neither uniform nor degenerate. */
    private CharModel trained() {
        CharModel m = TinyModels.lstm(v, 21);
        Trainer.sentences(m, data, new RmsProp(), TrainingConfig.sentenceDefaults(), new SplittableRandom(1))
                .train(60, r -> {});
        return m;
    }

    @Test
    void eightThreadsSamplingOneModelEachMatchASingleThreadedRun() throws Exception {
        CharModel model = trained();
        Sampler sampler = new Sampler(model);
        SampleOptions options = SampleOptions.defaults().withMaxLength(300).withTemperature(1.5f);
        List<String> expected = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) expected.add(sampler.sample(options, new SplittableRandom(seed)));
        assertTrue(expected.stream().distinct().count() > 1, "the seeds give different samples");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int seed = 0; seed < 8; seed++) {
                int s = seed;
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int k = 0; k < 25; k++) mine.add(sampler.sample(options, new SplittableRandom(s)));
                    return mine;
                }));
            }
            for (int seed = 0; seed < 8; seed++) {
                for (String s : results.get(seed).get()) assertEquals(expected.get(seed), s, "seed " + seed);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void charactersStreamToTheConsumerAndStayWithinTheLimit() {
        Sampler sampler = new Sampler(trained());
        SampleOptions options = SampleOptions.defaults().withMaxLength(7);
        StringBuilder streamed = new StringBuilder();
        int n = sampler.sample(options, new SplittableRandom(4), cp -> {
            assertTrue(v.contains(cp));
            streamed.appendCodePoint(cp);
        });
        assertEquals(streamed.codePointCount(0, streamed.length()), n);
        assertTrue(n <= 7);
        assertEquals(streamed.toString(), sampler.sample(options, new SplittableRandom(4)));
        assertEquals("", sampler.sample(options.withMaxLength(0), new SplittableRandom(4)));
    }

    @Test
    void argmaxIgnoresTheGeneratorAndTheTemperature() {
        Sampler sampler = new Sampler(trained());
        SampleOptions argmax = SampleOptions.defaults().withArgmax(true);
        String a = sampler.sample(argmax, new SplittableRandom(1));
        assertEquals(a, sampler.sample(argmax.withTemperature(0.1f), new SplittableRandom(99)));
        assertFalse(a.isEmpty());
    }

    @Test
    void generationStopsAtEndAndDoesNotRepeatThePrime() {
        CharModel model = TinyModels.lstm(v, 22);
        Mat bd = model.model().parameters().stream().filter(p -> p.name().equals("bd")).map(Parameter::mat)
                .findFirst().orElseThrow();
        bd.w[bd.offset + Vocabulary.END] = 100f; // END is all but certain
        Sampler sampler = new Sampler(model);
        assertEquals("", sampler.sample(SampleOptions.defaults(), new SplittableRandom(1)));
        assertEquals("", sampler.sample(SampleOptions.defaults().withPrime("the c").withArgmax(true), new SplittableRandom(1)));
    }

    @Test
    void withoutStartEndSamplingStartsFromThePrimeAndRunsToTheLimit() {
        Vocabulary plain = Vocabulary.withoutStartEnd(v.characters());
        CharModel model = CharModel.create(plain, org.recurrent4j.model.ModelKind.GRU_RESET_AFTER, List.of(8), 4,
                org.recurrent4j.model.Init.DEFAULT, new SplittableRandom(5));
        Mat bd = model.model().parameters().stream().filter(p -> p.name().equals("bd")).map(Parameter::mat)
                .findFirst().orElseThrow();
        bd.w[bd.offset] = 100f; // index 0 is a character here, not END: it is generated, and generation goes on
        Sampler sampler = new Sampler(model);
        String first = Character.toString(plain.codePointAt(0));
        assertEquals(first.repeat(9), sampler.sample(SampleOptions.defaults().withPrime("t").withMaxLength(9),
                new SplittableRandom(1)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(SampleOptions.defaults(), new SplittableRandom(1)));
        assertEquals(Sampler.NEEDS_PRIME, e.getMessage());
        // The prime's first character is the first input: the same as stepping the model by hand.
        CharModel random = CharModel.create(plain, org.recurrent4j.model.ModelKind.LSTM, List.of(8), 4,
                org.recurrent4j.model.Init.gaussian(1f), new SplittableRandom(6));
        String argmax = new Sampler(random).sample(SampleOptions.defaults().withPrime("ca").withArgmax(true)
                .withMaxLength(1), new SplittableRandom(1));
        org.recurrent4j.graph.Graph g = new org.recurrent4j.graph.Graph(false);
        org.recurrent4j.model.State s = random.forward(g, plain.indexOf('c'), random.initialState(1));
        s = random.forward(g, plain.indexOf('a'), s);
        assertEquals(Character.toString(plain.codePointAt(org.recurrent4j.tensor.Probabilities.argmax(s.output(), 0))),
                argmax);
    }

    @Test
    void aPrimeCharacterOutsideTheVocabularyIsNamedWithItsPosition() {
        Sampler sampler = new Sampler(TinyModels.lstm(v, 23));
        var e = assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(SampleOptions.defaults().withPrime("thQe"), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("'Q'") && e.getMessage().contains("position 3"), e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SampleOptions.defaults().withTemperature(0f));
        assertThrows(IllegalArgumentException.class, () -> SampleOptions.defaults().withTemperature(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> SampleOptions.defaults().withMaxLength(-1));
        assertEquals(100, SampleOptions.defaults().maxLength());
    }
}
