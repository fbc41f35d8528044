package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Hyperparameters;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.TinyModels;

/** One rule per setting, named by its option, the same wherever the value enters. */
class RunSettingsTest {
    private static RunSettings settings(List<Integer> hidden, int embed, String optimizer, long steps) {
        return new RunSettings(new TrainingData.Sentences(Path.of("s.txt")), ModelKind.LSTM, hidden, embed,
                Init.Distribution.UNIFORM, optimizer, TrainingConfig.sentenceDefaults(), 1, steps);
    }

    @Test
    void eachRefusalNamesTheSettingAndItsRule() {
        SettingException e = assertThrows(SettingException.class, () -> settings(List.of(20, 0), 5, "rmsprop", 10));
        assertEquals("--hidden: layer size 0 must be at least 1", e.getMessage());
        e = assertThrows(SettingException.class, () -> settings(List.of(20), 0, "rmsprop", 10));
        assertEquals("--embed: must be at least 1, got 0", e.getMessage());
        e = assertThrows(SettingException.class, () -> settings(List.of(20), 5, "adagrad", 10));
        assertEquals("--optimizer", e.setting());
        assertTrue(e.getMessage().contains("unknown optimizer 'adagrad'"), e.getMessage());
        e = assertThrows(SettingException.class, () -> settings(List.of(20), 5, "adam", -1));
        assertEquals("--steps: must be at least 1, got -1", e.getMessage());
        e = assertThrows(SettingException.class, () -> RunSettings.distribution("normal"));
        assertEquals("--init: unknown distribution 'normal', expected uniform or gaussian", e.getMessage());
        e = assertThrows(SettingException.class, () -> TrainingConfig.sentenceDefaults().withLearningRate(-0.5f));
        assertEquals("--lr", e.setting());
        assertEquals("-0.5", e.value());
        assertEquals(0, settings(List.of(20), 5, "sgd", 0).steps(), "0: a run bounded by time");
    }

    @Test
    void theBestModelAndPatienceNeedCorpusModeAndFineTuningNeedsData() {
        TrainingConfig config = TrainingConfig.corpusDefaults();
        TrainingData sentences = new TrainingData.Sentences(Path.of("s.txt"));
        TrainingData corpus = new TrainingData.Corpus(Path.of("c.txt"));
        SettingException e = assertThrows(SettingException.class, () -> new RunSettings(sentences, ModelKind.LSTM,
                List.of(8), 4, Init.Distribution.UNIFORM, "rmsprop", config, 1, 10, true, 0, null));
        assertEquals("--keep-best", e.setting());
        e = assertThrows(SettingException.class, () -> new RunSettings(sentences, ModelKind.LSTM, List.of(8), 4,
                Init.Distribution.UNIFORM, "rmsprop", config, 1, 10, false, 3, null));
        assertEquals("--patience", e.setting());
        e = assertThrows(SettingException.class, () -> new RunSettings(corpus, ModelKind.LSTM, List.of(8), 4,
                Init.Distribution.UNIFORM, "rmsprop", config, 1, 10, false, -1, null));
        assertEquals("--patience: must be at least 0, got -1", e.getMessage());
        var from = new RunSettings.FineTuning(Path.of("m.r4j"), false);
        e = assertThrows(SettingException.class, () -> new RunSettings(new TrainingData.Embedded(), ModelKind.LSTM,
                List.of(8), 4, Init.Distribution.UNIFORM, "rmsprop", config, 1, 10, false, 0, from));
        assertEquals("--init-from", e.setting());
        RunSettings ok = new RunSettings(corpus, ModelKind.LSTM, List.of(8), 4, Init.Distribution.UNIFORM, "rmsprop",
                config, 1, 10, true, 3, from);
        assertEquals(Path.of("m.r4j").toAbsolutePath(), ok.fineTuning().model());
        assertEquals(ok, ok.withSteps(10).withBest(true, 3));
    }

    @Test
    void theLearningRateHasOneRuleInTheConfigurationAndInEveryOptimizer() {
        for (float lr : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            String rule = Hyperparameters.learningRateProblem(lr);
            assertEquals("must be a positive finite number", rule, "lr " + lr);
            SettingException e = assertThrows(SettingException.class,
                    () -> TrainingConfig.sentenceDefaults().withLearningRate(lr));
            assertEquals(rule, e.problem());
            for (String kind : List.of("rmsprop", "adam", "sgd")) {
                Parameter p = new Parameter("W", Mat.of(1, 1, 1f));
                IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                        () -> Optimizer.named(kind).step(List.of(p), lr, 0f, 5f));
                assertTrue(o.getMessage().contains("learning rate " + rule), o.getMessage());
            }
        }
        assertEquals(null, Hyperparameters.learningRateProblem(1e-30f));
    }

    @Test
    void theModeBuildsItsTrainerAndDefaults() throws Exception {
        TrainingData sentences = new TrainingData.Sentences(Path.of("a.txt"));
        TrainingData corpus = new TrainingData.Corpus(Path.of("b.txt"));
        assertEquals(1, sentences.defaultBatch());
        assertEquals(TrainingConfig.CORPUS_BATCH, corpus.defaultBatch());
        assertEquals(TrainingData.SENTENCE_STEPS, sentences.defaultSteps());
        assertEquals(TrainingData.CORPUS_STEPS, new TrainingData.Embedded().defaultSteps());
        assertEquals(Path.of("a.txt").toAbsolutePath().toString(), sentences.location());
        assertEquals(new TrainingData.Embedded(), TrainingData.recorded("corpus", "the embedded corpus"));
        assertEquals(corpus, TrainingData.recorded("corpus", corpus.location()));
        assertEquals(new TrainingData.Sentences(null), TrainingData.recorded("sentences", null));
        assertThrows(java.io.IOException.class, () -> new TrainingData.Sentences(null).load(null));

        TrainingData.Loaded loaded = new TrainingData.LoadedSentences(TinyModels.sentences());
        RunSettings s = settings(List.of(6), 3, "adam", 4);
        Trainer t = s.newTrainer(loaded, new SplitMix64(5));
        assertEquals(List.of(6), t.model().hiddenSizes());
        assertEquals("adam", t.optimizer().state().kind());
        t.train(4, m -> {});
        assertTrue(t.state().position() instanceof TrainerState.Sentences);
    }
}
