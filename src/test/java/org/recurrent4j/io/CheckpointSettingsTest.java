package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingData;

/** A checkpoint writes each run setting once and reads them back typed; the earlier form still reads. */
class CheckpointSettingsTest {
    @TempDir
    Path dir;

    private RunSettings settings(Trainer t) {
        return new RunSettings(new TrainingData.Sentences(dir.resolve("s.txt")), ModelKind.GRU, List.of(6, 5), 3,
                Init.Distribution.GAUSSIAN, "rmsprop", t.config(), 42, 30);
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) n++;
        return n;
    }

    @Test
    void eachSettingIsWrittenOnceAndReadBackTyped() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.GRU, 1), new RmsProp(), 2);
        t.train(3, m -> {});
        RunSettings s = settings(t);
        Path file = dir.resolve("c.r4j");
        Checkpoint.save(file, t, s, Map.of());

        Checkpoint c = Checkpoint.load(file);
        assertEquals(Set.of("mode", "data", "init", "optimizer", "seed", "steps"), c.saved().training().keySet());
        assertEquals(s, c.settings());
        Map<String, byte[]> sections = Sections.decode(Files.readAllBytes(file), "c.r4j");
        String header = new String(sections.get(ModelFile.HEADER), StandardCharsets.UTF_8);
        String trainer = new String(sections.get(TrainerSections.TRAINER), StandardCharsets.UTF_8);
        assertEquals(0, count(header, "\"lr\""), header);
        assertEquals(0, count(header, "learningRate"), header);
        assertEquals(1, count(trainer, "\"learningRate\""), trainer);
        for (String once : List.of("batch", "seq", "regc", "clip")) {
            assertEquals(0, count(header, "\"" + once + "\""), once + " only with the trainer's state: " + header);
        }

        var other = TrainingFixtures.SENTENCE_CONFIG.withLearningRate(0.5f);
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(file, t,
                new RunSettings(s.data(), s.kind(), s.hidden(), s.embed(), s.init(), s.optimizer(), other, 1, 0), Map.of()));
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void theBestModelPatienceAndFineTuningAreRecordedOnceAndReadBack() throws IOException {
        Trainer t = TrainingFixtures.corpus(TrainingFixtures.corpusModel(ModelKind.GRU, 1), new RmsProp());
        t.train(3, m -> {});
        CharModel m = t.model();
        RunSettings s = new RunSettings(new TrainingData.Corpus(dir.resolve("c.txt")), ModelKind.GRU, m.hiddenSizes(),
                m.letterSize(),
                Init.Distribution.GAUSSIAN, "rmsprop", t.config(), 42, 30, true, 4,
                new RunSettings.FineTuning(dir.resolve("base.r4j"), true));
        Path file = dir.resolve("c.r4j");
        Checkpoint.save(file, t, s, Map.of());
        Map<String, String> training = Checkpoint.load(file).saved().training();
        assertEquals("true", training.get("keepBest"));
        assertEquals("4", training.get("patience"));
        assertEquals(dir.resolve("base.r4j").toString(), training.get("initFrom"));
        assertEquals("true", training.get("extendVocabulary"));
        RunSettings back = Checkpoint.load(file).settings();
        assertEquals(true, back.keepBest());
        assertEquals(4, back.patience());
        assertEquals(s, back);
    }

    @Test
    void aCheckpointOfTheEarlierFormReadsTheSame() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.GRU, 1), new RmsProp(), 2);
        t.train(3, m -> {});
        // the header's training settings as the previous release wrote them, lr, regc, clip, batch and seq included
        Map<String, String> earlier = new LinkedHashMap<>();
        earlier.put("mode", "sentences");
        earlier.put("data", dir.resolve("s.txt").toString());
        earlier.put("init", "gaussian");
        earlier.put("optimizer", "rmsprop");
        earlier.put("lr", "0.01");
        earlier.put("regc", "1.0E-6");
        earlier.put("clip", "5.0");
        earlier.put("batch", "2");
        earlier.put("seed", "42");
        earlier.put("steps", "30");
        Path file = dir.resolve("old.r4j");
        Checkpoint.save(file, t, earlier, Map.of());
        assertEquals(settings(t), Checkpoint.load(file).settings());

        // a file written through the API with none of them: defaults where nothing is recorded
        Checkpoint.save(file, t, Map.of(), Map.of());
        RunSettings bare = Checkpoint.load(file).settings();
        assertEquals(new TrainingData.Sentences(null), bare.data());
        assertEquals(0, bare.steps());
        assertEquals(t.config(), bare.config());
    }

    @Test
    void extraSettingsAreWrittenBesideTheRunsOwnAndMayNotTakeTheirNames() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.GRU, 1), new RmsProp(), 2);
        t.train(3, m -> {});
        RunSettings s = settings(t);
        Path file = dir.resolve("x.r4j");
        Checkpoint.save(file, t, s, Map.of("partitions", "4"), Map.of());
        Checkpoint c = Checkpoint.load(file);
        assertEquals("4", c.saved().training().get("partitions"));
        assertEquals(s, c.settings());
        byte[] before = Files.readAllBytes(file);
        for (String own : List.of("seed", "steps", "lr")) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.save(file, t, s, Map.of(own, "1"), Map.of()));
            assertEquals("checkpoint: the extra setting '" + own + "' has the name of one of the run's own settings",
                    e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(file), "a refused save writes nothing");
    }
}
