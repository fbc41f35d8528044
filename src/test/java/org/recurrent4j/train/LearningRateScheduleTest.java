package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.optim.StepResult;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.TinyModels;

/**
 * The learning-rate schedule: a linear warm-up over the first steps and char-rnn's decay at the end of every epoch
 * from a given one on; each step's rate is what the optimizer receives and what the report of that step says.
 */
class LearningRateScheduleTest {
    private static final float LR = 0.01f;

    private static TrainingConfig config(float decay, int after, int warmup) {
        return TrainingConfig.corpusDefaults().withLearningRate(LR).withSchedule(decay, after, warmup);
    }

    @Test
    void withoutWarmUpOrDecayTheRateIsTheLearningRateExactly() {
        TrainingConfig c = config(1f, 10, 0);
        for (long step : new long[] {1, 2, 99, 100_000}) assertEquals(LR, c.learningRate(step, 7));
    }

    @Test
    void theWarmUpRisesLinearlyToTheRate() {
        TrainingConfig c = config(1f, 10, 4);
        float[] expected = {LR * 1 / 4f, LR * 2 / 4f, LR * 3 / 4f, LR, LR};
        for (int step = 1; step <= 5; step++) {
            assertEquals(expected[step - 1], c.learningRate(step, 100), 1e-9f, "step " + step);
        }
        assertEquals(LR, c.learningRate(4, 100), "exactly the rate at the end of the warm-up");
    }

    @Test
    void theRateDecaysAtTheEndOfEpochEAndOfEveryEpochAfterIt() {
        TrainingConfig c = config(0.5f, 2, 0); // epochs of 3 steps
        for (int step = 1; step <= 6; step++) assertEquals(LR, c.learningRate(step, 3), "epochs 1 and 2: step " + step);
        for (int step = 7; step <= 9; step++) assertEquals(LR / 2, c.learningRate(step, 3), 1e-9f, "epoch 3");
        for (int step = 10; step <= 12; step++) assertEquals(LR / 4, c.learningRate(step, 3), 1e-9f, "epoch 4");
        // char-rnn's: 0.97 from the end of epoch 10
        TrainingConfig charRnn = config(0.97f, 10, 0);
        assertEquals(LR, charRnn.learningRate(1000, 100));
        assertEquals(LR * 0.97f, charRnn.learningRate(1001, 100), 1e-9f);
    }

    @Test
    void warmUpAndDecayMultiply() {
        TrainingConfig c = config(0.5f, 1, 8); // the first decay after step 2 (epochs of 2 steps)
        assertEquals(LR * 3 / 8f * 0.5f, c.learningRate(3, 2), 1e-9f);
        assertEquals(LR * 5 / 8f * 0.25f, c.learningRate(5, 2), 1e-9f);
    }

    @Test
    void eachStepTrainsAtTheScheduledRateAndReportsIt() {
        CorpusData data = CorpusData.fromText("the cat sat on the mat. a cat. the hat is on the cat. ".repeat(4), "c");
        TrainingConfig c = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withReportEvery(2)
                .withSchedule(0.9f, 1, 5);
        Recording optimizer = new Recording();
        Trainer t = Trainer.corpus(TinyModels.lstm(data.vocabulary(), 3), data, optimizer, c);
        assertEquals(20, t.stepsPerEpoch());
        List<Metrics> reports = new ArrayList<>();
        t.train(44, reports::add);
        assertEquals(44, optimizer.rates.size());
        for (int step = 1; step <= 44; step++) {
            assertEquals(c.learningRate(step, 20), optimizer.rates.get(step - 1), "step " + step);
        }
        assertTrue(optimizer.rates.get(0) < optimizer.rates.get(4) && optimizer.rates.get(21) < optimizer.rates.get(19),
                "a warm-up, then a decay: " + optimizer.rates);
        for (Metrics m : reports) {
            assertEquals(Double.parseDouble(Float.toString(optimizer.rates.get((int) m.step() - 1))), m.learningRate());
        }
    }

    @Test
    void inSentenceModeAnEpochIsOnePassWorthOfSentences() {
        SentenceData data = TinyModels.sentences(); // 5 sentences
        for (int batch : new int[] {1, 2, 5, 7}) {
            Trainer t = Trainer.sentences(TinyModels.lstm(data.vocabulary(), 1), data, new RmsProp(),
                    TrainingConfig.sentenceDefaults().withBatch(batch), new SplitMix64(1));
            assertEquals((5 + batch - 1) / batch, t.stepsPerEpoch(), "batch " + batch);
        }
    }

    @Test
    void badValuesAreRefusedNamingTheirOption() {
        TrainingConfig c = TrainingConfig.corpusDefaults();
        assertRefused("--dropout", () -> c.withDropout(1f));
        assertRefused("--dropout", () -> c.withDropout(-0.1f));
        assertRefused("--dropout", () -> c.withDropout(Float.NaN));
        assertRefused("--lr-decay", () -> c.withSchedule(0f, 10, 0));
        assertRefused("--lr-decay", () -> c.withSchedule(1.5f, 10, 0));
        assertRefused("--lr-decay-after", () -> c.withSchedule(0.9f, 0, 0));
        assertRefused("--warmup", () -> c.withSchedule(1f, 10, -1));
    }

    private static void assertRefused(String option, Runnable make) {
        SettingException e = assertThrows(SettingException.class, make::run);
        assertEquals(option, e.setting(), e.getMessage());
    }

    /** RMSProp, recording the rate of every step. */
    private static final class Recording implements Optimizer {
        final RmsProp inner = new RmsProp();
        final List<Float> rates = new ArrayList<>();

        @Override
        public StepResult step(List<Parameter> params, float learningRate, float regc, float clip) {
            rates.add(learningRate);
            return inner.step(params, learningRate, regc, clip);
        }

        @Override
        public OptimizerState state() {
            return inner.state();
        }

        @Override
        public void restore(OptimizerState state) {
            inner.restore(state);
        }

        @Override
        public void restore(OptimizerState state, List<Parameter> params) {
            inner.restore(state, params);
        }
    }
}
