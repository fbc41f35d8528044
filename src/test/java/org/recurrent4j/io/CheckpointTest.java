package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.Adam;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;

class CheckpointTest {
    private static final Map<String, String> SETTINGS = Map.of("mode", "test", "lr", "0.01");

    @TempDir
    Path dir;

    @Test
    void sentenceTrainingResumedFromAFileIsBitForBitTheSame() throws IOException {
        assertResumesThroughAFile(seed -> TrainingFixtures.sentences(
                TrainingFixtures.sentenceModel(ModelKind.GRU, 5), new Adam(), seed),
                (saved, optimizer) -> TrainingFixtures.sentences(saved.model(), optimizer, 1234), 10);
    }

    @Test
    void corpusTrainingResumedFromAFileIsBitForBitTheSame() throws IOException {
        // 20 chunks per epoch: the save falls inside the second epoch, after the carried state was reset
        assertResumesThroughAFile(seed -> TrainingFixtures.corpus(TrainingFixtures.corpusModel(ModelKind.LSTM, 6),
                new RmsProp()), (saved, optimizer) -> TrainingFixtures.corpus(saved.model(), optimizer), 22);
    }

    private void assertResumesThroughAFile(Function<Long, Trainer> fresh,
                                           java.util.function.BiFunction<SavedModel, Optimizer, Trainer> fromFile,
                                           int n) throws IOException {
        Trainer whole = fresh.apply(3L);
        whole.train(2L * n, m -> {});

        Trainer first = fresh.apply(3L);
        first.train(n, m -> {});
        Path file = dir.resolve("c.r4j");
        SplitMix64 samples = new SplitMix64(77);
        samples.nextLong();
        Checkpoint.save(file, first, SETTINGS, Map.of("samples", samples.state()));

        Checkpoint c = Checkpoint.load(file);
        assertEquals(n, c.trainer().step());
        assertEquals(n, c.saved().step());
        assertEquals(SETTINGS, c.saved().training());
        assertEquals(Map.of("samples", samples.state()), c.generators());
        Trainer resumed = fromFile.apply(c.saved(), Optimizer.named(c.trainer().optimizer().kind()));
        resumed.restore(c.trainer());
        resumed.train(n, m -> {});

        assertEquals(lines(whole.history()), lines(resumed.history()));
        float[][] a = TrainingFixtures.values(whole.model());
        float[][] b = TrainingFixtures.values(resumed.model());
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i]);
        assertTrue(whole.history().size() >= 4);
    }

    private static List<String> lines(List<Metrics> history) {
        return history.stream().map(m -> m.step() + " " + m.loss() + " " + m.medianPerplexity() + " " + m.valLoss()
                + " " + m.epoch()).toList();
    }

    @Test
    void theReportsSoFarComeBackExactlyWithTheirTimings() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.LSTM, 1), new RmsProp(), 2);
        t.train(9, m -> {});
        Path file = dir.resolve("m.r4j");
        Checkpoint.save(file, t, Map.of(), Map.of());
        Checkpoint c = Checkpoint.load(file);
        assertEquals(t.history(), c.trainer().history());
        assertEquals(t.state().interval().nats(), c.trainer().interval().nats());
        assertArrayEquals(t.state().interval().perplexities(), c.trainer().interval().perplexities());
        assertEquals(t.state().elapsedSeconds(), c.trainer().elapsedSeconds());
    }

    @Test
    void aCheckpointIsAModelFileAndAModelFileIsNotACheckpoint() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.RNN, 1), new RmsProp(), 2);
        t.train(3, m -> {});
        Path checkpoint = dir.resolve("c.r4j");
        Checkpoint.save(checkpoint, t, SETTINGS, Map.of());
        SavedModel asModel = ModelFile.load(checkpoint);
        assertEquals(3, asModel.step());
        assertNotNull(asModel.optimizer());
        assertEquals("rmsprop", asModel.optimizer().kind());

        Path model = dir.resolve("m.r4j");
        ModelFile.save(model, t.model(), SETTINGS, 3);
        assertNull(ModelFile.load(model).optimizer());
        var e = assertThrows(ModelFileException.class, () -> Checkpoint.load(model));
        assertTrue(e.getMessage().startsWith(model + ": holds a model but no training state"), e.getMessage());
    }

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousCheckpointIntact() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.LSTM, 1), new RmsProp(), 2);
        t.train(3, m -> {});
        Path file = dir.resolve("c.r4j");
        Checkpoint.save(file, t, SETTINGS, Map.of());
        byte[] before = Files.readAllBytes(file);
        t.train(3, m -> {});
        var e = assertThrows(IOException.class, () -> Checkpoint.save(file, t, SETTINGS, Map.of(),
                channel -> new FailingChannel(channel, 1000)));
        assertEquals("No space left on device", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(3, Checkpoint.load(file).trainer().step());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file is removed");
        }
    }

    @Test
    void aFullDiskLeavesThePreviousCheckpointIntact() throws IOException, InterruptedException {
        Path mount = Files.createDirectory(dir.resolve("small"));
        TmpFs.mountOrSkip(mount, "64k");
        try {
            Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.LSTM, 1), new RmsProp(), 2);
            t.train(3, m -> {});
            Path file = mount.resolve("c.r4j");
            Checkpoint.save(file, t, SETTINGS, Map.of());
            byte[] before = Files.readAllBytes(file);
            TmpFs.fillUpTo(mount.resolve("filler"), before.length / 2);
            t.train(3, m -> {});
            var e = assertThrows(IOException.class, () -> Checkpoint.save(file, t, SETTINGS, Map.of()));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
            try (Stream<Path> files = Files.list(mount)) {
                assertEquals(2, files.count(), "only the checkpoint and the filler");
            }
        } finally {
            TmpFs.unmount(mount);
        }
    }

    @Test
    void everyTruncationAndEveryFlippedByteIsRefused() throws IOException {
        Trainer t = TrainingFixtures.corpus(TrainingFixtures.corpusModel(ModelKind.GRU, 1), new Adam());
        t.train(4, m -> {});
        Path file = dir.resolve("c.r4j");
        Checkpoint.save(file, t, SETTINGS, Map.of("samples", new SplitMix64(1).state()));
        byte[] bytes = Files.readAllBytes(file);
        for (int length = 0; length < bytes.length; length += 1 + length / 50) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            var e = assertThrows(ModelFileException.class, () -> Checkpoint.decode(cut, "bad.r4j"), "length " + length);
            assertTrue(e.getMessage().startsWith("bad.r4j: "), e.getMessage());
            assertTrue(e.getMessage().contains(length < 8 ? "not a recurrent4j model file" : "truncated"), e.getMessage());
        }
        int refused = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= (byte) (1 << (i % 8));
            if (i == 10 || i == 11) { // the minor version: a newer minor of the same major reads the same
                assertEquals(4, Checkpoint.decode(flipped, "bad.r4j").trainer().step());
                continue;
            }
            assertThrows(ModelFileException.class, () -> Checkpoint.decode(flipped, "bad.r4j"), "byte " + i);
            refused++;
        }
        assertEquals(bytes.length - 2, refused);
    }
}
