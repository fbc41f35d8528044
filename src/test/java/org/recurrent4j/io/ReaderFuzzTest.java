package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.Adam;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;

/**
 * Thousands of mutated checkpoints and JSON models, from a seeded generator: bit flips, truncations, splices,
 * insertions and deletions of the raw bytes, and the same done to one section's payload with the checksums made
 * valid again (so the readers' checks behind the checksum are reached); and safetensors files, likewise. Every file
 * must be read or refused with a {@link ModelFileException} that names it; any other exception fails the test with
 * the mutation's number.
 */
class ReaderFuzzTest {
    private static final int RAW = 2500;
    private static final int STRUCTURED = 2500;
    private static final int JSON = 2500;

    @TempDir
    Path dir;

    private byte[] checkpoint(boolean corpus) throws IOException {
        Trainer t = corpus
                ? TrainingFixtures.corpus(TrainingFixtures.corpusModel(ModelKind.GF_LSTM, 2), new Adam())
                : TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.LSTM, 2), new RmsProp(), 3);
        t.train(5, m -> {});
        Path file = dir.resolve(corpus ? "corpus.r4j" : "sentences.r4j");
        Checkpoint.save(file, t, Map.of("mode", corpus ? "corpus" : "sentences"), Map.of("samples", new SplitMix64(5).state()));
        return Files.readAllBytes(file);
    }

    @Test
    void mutatedCheckpointsAreReadOrRefusedClearly() throws IOException {
        byte[][] seeds = {checkpoint(false), checkpoint(true)};
        Checkpoint[] originals = {Checkpoint.decode(seeds[0], "s"), Checkpoint.decode(seeds[1], "c")};
        SplitMix64 rng = new SplitMix64(20260101);
        int refused = 0;
        for (int i = 0; i < RAW; i++) {
            int which = i % 2;
            byte[] mutated = Mutations.raw(seeds[which], seeds[1 - which], rng);
            Checkpoint read = readCheckpoint(mutated, "raw mutation " + i);
            if (read == null) {
                refused++;
            } else { // the checksums let through only what does not change the content (e.g. the minor version)
                assertSameModel(originals[which], read, "raw mutation " + i);
            }
            readModel(mutated, "raw mutation " + i);
        }
        assertTrue(refused > RAW * 9 / 10, refused + " of " + RAW + " refused");
        for (int i = 0; i < STRUCTURED; i++) {
            byte[] seed = seeds[i % 2];
            Map<String, byte[]> sections = new LinkedHashMap<>(Sections.decode(seed, "seed"));
            List<String> names = new ArrayList<>(sections.keySet());
            String name = names.get(rng.nextInt(names.size()));
            if (rng.nextInt(10) == 0) {
                sections.remove(name);
            } else {
                sections.put(name, Mutations.raw(sections.get(name), sections.get(names.get(rng.nextInt(names.size()))), rng));
            }
            byte[] mutated = Sections.encode(sections);
            readCheckpoint(mutated, "structured mutation " + i + " of section '" + name + "'");
            readModel(mutated, "structured mutation " + i + " of section '" + name + "'");
        }
    }

    private static Checkpoint readCheckpoint(byte[] bytes, String what) {
        try {
            return Checkpoint.decode(bytes, "fuzz.r4j");
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().startsWith("fuzz.r4j: "), what + ": " + e.getMessage());
            return null;
        } catch (Throwable e) {
            fail(what + ": not a ModelFileException: " + e, e);
            return null;
        }
    }

    private static void readModel(byte[] bytes, String what) {
        try {
            ModelFile.decode(bytes, "fuzz.r4j");
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().startsWith("fuzz.r4j: "), what + ": " + e.getMessage());
        } catch (Throwable e) {
            fail(what + ": not a ModelFileException: " + e, e);
        }
    }

    private static void assertSameModel(Checkpoint expected, Checkpoint actual, String what) {
        assertEquals(expected.trainer().step(), actual.trainer().step(), what);
        assertEquals(expected.trainer().history(), actual.trainer().history(), what);
        float[][] a = TrainingFixtures.values(expected.saved().model());
        float[][] b = TrainingFixtures.values(actual.saved().model());
        for (int k = 0; k < a.length; k++) assertArrayEquals(a[k], b[k], what);
    }

    /**
     * Safetensors files: an export of a trained LSTM and an F16 GRU in PyTorch's layout, mutated raw, and with their
     * JSON header mutated and framed again with its new length (so that the checks behind the framing are reached).
     */
    @Test
    void mutatedSafetensorsAreReadOrRefusedClearly() throws IOException {
        org.recurrent4j.text.CharModel lstm = org.recurrent4j.text.CharModel.create(
                TrainingFixtures.SENTENCES.vocabulary(), ModelKind.LSTM, List.of(6, 6), 3,
                org.recurrent4j.model.Init.DEFAULT, new SplitMix64(2));
        Trainer t = TrainingFixtures.sentences(lstm, new RmsProp(), 3);
        t.train(3, m -> {});
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, dir.resolve("vocab.json"), t.model(), ModuleNames.EXPORT);
        org.recurrent4j.text.Vocabulary nine = org.recurrent4j.text.Vocabulary.withoutStartEnd(
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        TorchFixtures.Config gru = new TorchFixtures.Config(3, false, 2, 4, 3, 9, true, "emb", "gru", "out");
        byte[][] seeds = {Files.readAllBytes(file), TorchFixtures.file(TorchFixtures.stateDict(gru, 1), "F16", Map.of())};
        org.recurrent4j.text.Vocabulary[] vocabularies = {t.model().vocabulary(), nine};
        for (int k = 0; k < 2; k++) assertTrue(readSafetensors(seeds[k], vocabularies[k], "seed " + k));
        SplitMix64 rng = new SplitMix64(11);
        int read = 0;
        for (int i = 0; i < RAW + STRUCTURED; i++) {
            int k = i % 2;
            byte[] mutated;
            if (i < RAW) {
                mutated = Mutations.raw(seeds[k], seeds[1 - k], rng);
            } else {
                java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(seeds[k]).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                int length = (int) in.getLong();
                byte[] header = Mutations.json(Arrays.copyOfRange(seeds[k], 8, 8 + length),
                        Arrays.copyOfRange(seeds[1 - k], 8, 40), rng);
                byte[] data = Arrays.copyOfRange(seeds[k], 8 + length, seeds[k].length);
                mutated = java.nio.ByteBuffer.allocate(8 + header.length + data.length)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).put(data).array();
            }
            if (readSafetensors(mutated, vocabularies[k], "mutation " + i)) read++;
        }
        assertTrue(read > 0 && read < RAW + STRUCTURED, read + " read: some mutations keep a valid model, most do not");
    }

    private static boolean readSafetensors(byte[] bytes, org.recurrent4j.text.Vocabulary vocabulary, String what) {
        try {
            Safetensors.decode(bytes, "fuzz.safetensors", vocabulary, "vocab.json", ModuleNames.FIND, null);
            return true;
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().startsWith("fuzz.safetensors: ") && !e.getMessage().contains("\n"),
                    what + ": " + e.getMessage());
            return false;
        } catch (Throwable e) {
            fail(what + ": not a ModelFileException: " + e, e);
            return false;
        }
    }

    @Test
    void mutatedJsonModelsAreReadOrRefusedClearly() throws IOException {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.GRU, 2), new RmsProp(), 3);
        t.train(3, m -> {});
        Path file = dir.resolve("m.json");
        RecurrentJs.write(file, new SavedModel(t.model(), Map.of(), 3, t.optimizer().state()));
        byte[][] seeds = {Files.readAllBytes(file), RecurrentJsTest.recurrentJsFile().getBytes()};
        SplitMix64 rng = new SplitMix64(7);
        int read = 0;
        for (int i = 0; i < JSON; i++) {
            byte[] mutated = Mutations.json(seeds[i % 2], seeds[(i + 1) % 2], rng);
            try {
                RecurrentJs.decode(mutated, "fuzz.json");
                read++;
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().startsWith("fuzz.json: ") && !e.getMessage().contains("\n"),
                        "mutation " + i + ": " + e.getMessage());
            } catch (Throwable e) {
                fail("mutation " + i + ": not a ModelFileException: " + e, e);
            }
        }
        assertTrue(read > 0 && read < JSON, read + " of " + JSON + " read: some mutations keep a valid model, most do not");
    }
}
