package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.Evaluator;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.TinyModels;

/**
 * Training with dropout: a fresh mask every step from the trainer's own generator, so the same seeds give the
 * same run bit for bit; the validation loss is measured without it; a rate of 0 draws nothing and trains as a
 * run without dropout does.
 */
class DropoutTrainingTest {
    private static final String CORPUS = "the cat sat on the mat. a cat. the hat is on the cat. ".repeat(4);

    private static CorpusData corpus() {
        return CorpusData.fromText(CORPUS, "tiny corpus");
    }

    private static CharModel model(ModelKind kind, CorpusData data) {
        return CharModel.create(data.vocabulary(), kind, List.of(8, 6), 4, Init.DEFAULT, new SplittableRandom(3));
    }

    private static Trainer corpusTrainer(ModelKind kind, float dropout, long seed) {
        CorpusData data = corpus();
        TrainingConfig config = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withReportEvery(3)
                .withDropout(dropout);
        return Trainer.corpus(model(kind, data), data, new RmsProp(), config, new SplitMix64(seed));
    }

    private static List<String> run(Trainer t, int steps) {
        List<String> lines = new ArrayList<>();
        t.train(steps, m -> lines.add(m.step() + " " + m.loss() + " " + m.valLoss()));
        for (float[] w : TinyModels.values(t.model())) lines.add(java.util.Arrays.toString(w));
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gf-lstm"}) // the whole-sequence form and the step-by-step form
    void theSameSeedsGiveTheSameRunAndDropoutChangesIt(String id) {
        ModelKind kind = ModelKind.of(id);
        List<String> a = run(corpusTrainer(kind, 0.3f, 7), 9);
        assertEquals(a, run(corpusTrainer(kind, 0.3f, 7), 9));
        assertFalse(a.equals(run(corpusTrainer(kind, 0.3f, 8), 9)), "another mask generator, another run");
        assertFalse(a.equals(run(corpusTrainer(kind, 0f, 7), 9)), "dropout changes the run");
    }

    @Test
    void sentenceModeDrawsItsMasksToo() {
        SentenceData data = TinyModels.sentences();
        TrainingConfig config = TrainingConfig.sentenceDefaults().withBatch(2).withReportEvery(4).withDropout(0.5f);
        List<List<String>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Trainer t = Trainer.sentences(TinyModels.lstm(data.vocabulary(), 11), data, new RmsProp(), config,
                    new SplitMix64(5));
            runs.add(run(t, 8));
        }
        assertEquals(runs.get(0), runs.get(1));
        assertNotNull(Trainer.sentences(TinyModels.lstm(data.vocabulary(), 11), data, new RmsProp(), config,
                new SplitMix64(5)).state().dropoutGenerator());
    }

    @Test
    void theValidationLossIsMeasuredWithoutDropout() {
        CorpusData data = corpus();
        Trainer t = corpusTrainer(ModelKind.LSTM, 0.5f, 9);
        Metrics last = null;
        for (int i = 0; i < 6; i++) last = t.step().orElse(last);
        assertNotNull(last.valLoss());
        assertEquals(Evaluator.corpus(t.model(), data.validation(), 2).loss(), last.valLoss());
    }

    @Test
    void aRateOfZeroDrawsNothingAndTrainsAsWithoutAGenerator() {
        CorpusData data = corpus();
        TrainingConfig config = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withReportEvery(3);
        SplitMix64 rng = new SplitMix64(4);
        Trainer with = Trainer.corpus(model(ModelKind.LSTM, data), data, new RmsProp(), config.withDropout(0f), rng);
        Trainer without = Trainer.corpus(model(ModelKind.LSTM, data), data, new RmsProp(), config);
        assertEquals(run(without, 7), run(with, 7));
        assertEquals(new SplitMix64(4).nextLong(), rng.nextLong(), "the generator was not drawn from");
        assertNull(with.state().dropoutGenerator());
    }

    @Test
    void dropoutWithoutAGeneratorIsRefused() {
        CorpusData data = corpus();
        TrainingConfig config = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withDropout(0.2f);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.corpus(model(ModelKind.LSTM, data), data, new RmsProp(), config));
        assertTrue(e.getMessage().contains("generator"), e.getMessage());
    }

    @Test
    void theMaskGeneratorsStateIsSavedAndRestored() {
        Trainer t = corpusTrainer(ModelKind.LSTM, 0.25f, 12);
        SplitMix64.State before = t.state().dropoutGenerator();
        t.train(2, m -> {});
        TrainerState saved = t.state();
        assertFalse(before.equals(saved.dropoutGenerator()), "each step draws masks");
        Trainer other = corpusTrainer(ModelKind.LSTM, 0.25f, 99);
        for (int i = 0; i < t.model().parameters().size(); i++) {
            var from = t.model().parameters().get(i).mat();
            var to = other.model().parameters().get(i).mat();
            System.arraycopy(from.w, from.offset, to.w, to.offset, from.size());
        }
        other.restore(saved);
        assertEquals(saved.dropoutGenerator(), other.state().dropoutGenerator());
        t.train(3, m -> {});
        other.train(3, m -> {});
        float[][] a = TinyModels.values(t.model());
        float[][] b = TinyModels.values(other.model());
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i]);
    }
}
