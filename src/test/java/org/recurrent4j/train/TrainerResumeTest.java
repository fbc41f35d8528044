package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Adam;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.optim.Sgd;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.TinyModels;

/** N steps, a saved state, a fresh trainer restored from it and N more steps are 2N steps, bit for bit. */
class TrainerResumeTest {
    private static final String CORPUS = "the cat sat on the mat. a cat. the hat is on the cat. ".repeat(4);

    /** A trainer over a fresh model of seed 11, drawing its sentences from a generator of {@code rngSeed}. */
    private static Trainer sentenceTrainer(Optimizer optimizer, long rngSeed) {
        return sentenceTrainer(optimizer, rngSeed, TrainingConfig.sentenceDefaults().withBatch(2).withReportEvery(5));
    }

    private static Trainer sentenceTrainer(Optimizer optimizer, long rngSeed, TrainingConfig config) {
        SentenceData data = TinyModels.sentences();
        return Trainer.sentences(TinyModels.lstm(data.vocabulary(), 11), data, optimizer, config, new SplitMix64(rngSeed));
    }

    private static Trainer corpusTrainer(Optimizer optimizer) {
        return corpusTrainer(optimizer, corpusConfig(), 0);
    }

    private static TrainingConfig corpusConfig() {
        return TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withReportEvery(3);
    }

    private static Trainer corpusTrainer(Optimizer optimizer, TrainingConfig config, long rngSeed) {
        CorpusData data = CorpusData.fromText(CORPUS, "tiny corpus");
        return Trainer.corpus(TinyModels.lstm(data.vocabulary(), 12), data, optimizer, config, new SplitMix64(rngSeed));
    }

    /** Dropout, a warm-up and a decay at the end of every epoch from the first (sentence mode: 3 steps an epoch). */
    private static TrainingConfig regularised(TrainingConfig config) {
        return config.withDropout(0.3f).withSchedule(0.8f, 1, 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 12, 15})
    void sentenceModeResumesExactly(int n) {
        assertResumesExactly(o -> sentenceTrainer(o, 3), o -> sentenceTrainer(o, 99), new Adam(), new Adam(), n);
        assertResumesExactly(o -> sentenceTrainer(o, 3), o -> sentenceTrainer(o, 99), new RmsProp(), new RmsProp(), n);
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 20, 21, 23}) // an epoch is 20 chunks: before, at and after the wrap
    void corpusModeResumesExactly(int n) {
        assertEquals(20, CorpusData.fromText(CORPUS, "c").trainingStreams(2, 5).chunksPerEpoch());
        assertResumesExactly(TrainerResumeTest::corpusTrainer, TrainerResumeTest::corpusTrainer, new RmsProp(),
                new RmsProp(), n);
        assertResumesExactly(TrainerResumeTest::corpusTrainer, TrainerResumeTest::corpusTrainer, new Sgd(), new Sgd(), n);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 12, 15})
    void sentenceModeResumesExactlyWithDropoutAndASchedule(int n) {
        TrainingConfig config = regularised(TrainingConfig.sentenceDefaults().withBatch(2).withReportEvery(5));
        assertEquals(3, sentenceTrainer(new RmsProp(), 3, config).stepsPerEpoch());
        assertResumesExactly(o -> sentenceTrainer(o, 3, config), o -> sentenceTrainer(o, 99, config), new Adam(),
                new Adam(), n);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 21, 23}) // inside the warm-up; before, at and after the wrap and the first decay
    void corpusModeResumesExactlyWithDropoutAndASchedule(int n) {
        TrainingConfig config = regularised(corpusConfig());
        assertResumesExactly(o -> corpusTrainer(o, config, 5), o -> corpusTrainer(o, config, 77), new RmsProp(),
                new RmsProp(), n);
    }

    private static void assertResumesExactly(Function<Optimizer, Trainer> first, Function<Optimizer, Trainer> second,
                                             Optimizer a, Optimizer b, int n) {
        Trainer whole = first.apply(a);
        List<String> expected = new ArrayList<>();
        whole.train(2L * n, m -> expected.add(withoutTiming(m)));

        Trainer part = first.apply(b);
        part.train(n, m -> {});
        TrainerState saved = part.state();
        float[][] parameters = TinyModels.values(part.model());

        Optimizer fresh = Optimizer.named(saved.optimizer().kind());
        Trainer resumed = second.apply(fresh);
        copyInto(parameters, resumed.model());
        resumed.restore(saved);
        assertEquals(n, resumed.steps());
        resumed.train(n, m -> {});
        List<String> actual = resumed.history().stream().map(TrainerResumeTest::withoutTiming).toList();
        assertEquals(expected, actual);
        assertTrue(expected.size() >= 2 || n < 3, "reports were compared");
        float[][] w = TinyModels.values(whole.model());
        float[][] r = TinyModels.values(resumed.model());
        for (int i = 0; i < w.length; i++) assertArrayEquals(w[i], r[i], whole.model().parameters().get(i).name());
    }

    private static void copyInto(float[][] values, CharModel model) {
        List<Parameter> params = model.parameters();
        for (int i = 0; i < values.length; i++) {
            var m = params.get(i).mat();
            System.arraycopy(values[i], 0, m.w, m.offset, values[i].length);
        }
    }

    private static String withoutTiming(Metrics m) {
        return m.step() + " " + m.loss() + " " + m.perplexity() + " " + m.medianPerplexity() + " " + m.valLoss()
                + " " + m.epoch() + " " + m.learningRate();
    }

    @Test
    void aStateThatDoesNotFitIsRefusedAndChangesNothing() {
        Trainer t = sentenceTrainer(new RmsProp(), 3);
        t.train(6, m -> {});
        TrainerState s = t.state();

        Trainer other = Trainer.sentences(t.model(), TinyModels.sentences(), new RmsProp(),
                TrainingConfig.sentenceDefaults().withBatch(3).withReportEvery(5), new SplitMix64(1));
        var e = assertThrows(IllegalArgumentException.class, () -> other.restore(s));
        assertTrue(e.getMessage().contains("batch=3"), e.getMessage());

        Trainer adam = sentenceTrainer(new Adam(), 3);
        e = assertThrows(IllegalArgumentException.class, () -> adam.restore(s));
        assertTrue(e.getMessage().contains("cannot restore the state of a rmsprop optimizer"), e.getMessage());
        assertEquals(0, adam.steps());

        SentenceData fewer = SentenceData.fromText(TinyModels.SENTENCES + "a hat\n", t.model().vocabulary(), "more");
        Trainer moreData = Trainer.sentences(t.model(), fewer, new RmsProp(), t.config(), new SplitMix64(1));
        e = assertThrows(IllegalArgumentException.class, () -> moreData.restore(s));
        assertTrue(e.getMessage().contains("training data differs"), e.getMessage());

        Trainer corpus = corpusTrainer(new RmsProp());
        TrainerState c = corpus.state();
        TrainerState wrongMode = new TrainerState(c.step(), t.config(), s.dataFingerprint(), c.optimizer(),
                c.position(), c.interval(), 0, List.of(), null);
        e = assertThrows(IllegalArgumentException.class, () -> t.restore(wrongMode));
        assertTrue(e.getMessage().contains("corpus position"), e.getMessage());
        assertEquals(6, t.steps());
    }

    @Test
    void aGeneratorWithoutSavableStateIsNamed() {
        SentenceData data = TinyModels.sentences();
        Trainer t = Trainer.sentences(TinyModels.lstm(data.vocabulary(), 1), data, new RmsProp(),
                TrainingConfig.sentenceDefaults(), new SplittableRandom(1));
        var e = assertThrows(IllegalStateException.class, t::state);
        assertTrue(e.getMessage().contains("SplittableRandom") && e.getMessage().contains("SplitMix64"), e.getMessage());
    }
}
