package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;
import org.recurrent4j.train.SplitMix64;

/**
 * {@code train --init-from MODEL}: a run from a trained model's weights with a fresh optimizer and schedule; the
 * model fixes kind and sizes; characters outside its vocabulary are refused by name, or added with
 * --extend-vocabulary; a model imported from PyTorch (no START/END) fine-tunes in corpus mode.
 */
class FineTuneCommandTest {
    private static final String OLD = "the cat sat on the mat.\nthe hat is on the cat.\n".repeat(10);
    private static final String NEW = "a cat! QUIZ: the mat sat on a hat.\n".repeat(12);

    @TempDir
    Path dir;

    private Path base() throws IOException {
        Path data = Files.writeString(dir.resolve("old.txt"), OLD);
        Path model = dir.resolve("base.r4j");
        Cli.Run r = Cli.run("train", "--data", data.toString(), "--batch", "4", "--seq", "8", "--hidden", "6,5",
                "--embed", "3", "--steps", "6", "--quiet", "--sample-every", "0", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        return model;
    }

    /** A step too small to move a weight: the file then holds the weights the run started from. */
    private static final String[] STILL = {"--steps", "1", "--lr", "1e-30", "--regc", "0", "--batch", "4", "--seq", "8",
        "--quiet", "--sample-every", "0"};

    private static String[] with(String[] a, String... b) {
        String[] all = Arrays.copyOf(b, b.length + a.length);
        System.arraycopy(a, 0, all, b.length, a.length);
        return all;
    }

    @Test
    void aRunStartsFromTheModelsWeightsWithAFreshOptimizerAndSchedule() throws IOException {
        Path base = base();
        Path same = Files.writeString(dir.resolve("same.txt"), OLD.replace("hat", "mat"));
        Path out = dir.resolve("tuned.r4j");
        Cli.Run r = Cli.run(with(STILL, "train", "--init-from", base.toString(), "--data", same.toString(), "--hidden",
                "6,5", "--model", "lstm", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        ResumeCommandTest.assertSameParameters(ModelFile.load(base), ModelFile.load(out));
        Checkpoint c = Checkpoint.load(out);
        assertEquals(1, c.trainer().step(), "the step count starts again");
        assertEquals(1, c.saved().optimizer().steps(), "a fresh optimizer");
        assertEquals(base.toAbsolutePath().toString(), c.saved().training().get("initFrom"));

        Path log = dir.resolve("t.jsonl");
        r = Cli.run("train", "--init-from", base.toString(), "--data", same.toString(), "--steps", "2",
                "--report-every", "1", "--warmup", "4", "--batch", "4", "--seq", "8", "--quiet", "--sample-every", "0",
                "--out", dir.resolve("w.r4j").toString(), "--metrics", log.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0.0025, JsonParser.parseString(Files.readAllLines(log).getFirst()).getAsJsonObject()
                .get("learningRate").getAsDouble(), "the warm-up starts again");

        // the fine-tuned checkpoint resumes like any other
        r = Cli.run("train", "--resume", out.toString(), "--steps", "3", "--quiet", "--sample-every", "0");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, ModelFile.load(out).step());
    }

    @Test
    void theModelFixesKindAndSizes() throws IOException {
        Path base = base();
        Path data = Files.writeString(dir.resolve("same.txt"), OLD);
        String out = dir.resolve("x.r4j").toString();
        Cli.run("train", "--init-from", base.toString(), "--data", data.toString(), "--hidden", "8", "--out", out)
                .assertFailure(2, "--hidden: the model comes from --init-from " + base + " (lstm [6, 5], embedding 3), "
                        + "whose hidden is 6,5; drop --hidden");
        Cli.run("train", "--init-from", base.toString(), "--data", data.toString(), "--model", "gru", "--out", out)
                .assertFailure(2, "--model: the model comes from --init-from");
        Cli.run("train", "--init-from", base.toString(), "--data", data.toString(), "--embed", "4", "--out", out)
                .assertFailure(2, "--embed: the model comes from --init-from");
        Cli.run("train", "--init-from", base.toString(), "--out", out)
                .assertFailure(2, "--init-from: give the text to fine-tune on with --data FILE or --sentences FILE");
        Cli.run("train", "--extend-vocabulary", "--data", data.toString(), "--out", out)
                .assertFailure(2, "--extend-vocabulary: only with --init-from MODEL");
        Cli.run("train", "--init-from", base.toString(), "--data", data.toString(), "--out", base.toString())
                .assertFailure(2, "--out " + base + ": is the same file as --init-from " + base);
        Cli.run("train", "--resume", base.toString(), "--steps", "9", "--init-from", base.toString())
                .assertFailure(2, "--init-from: cannot be changed when resuming");
        Cli.run("train", "--init-from", dir.resolve("absent.r4j").toString(), "--data", data.toString(), "--out", out)
                .assertFailure(1, "no such model file");
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void charactersOutsideTheVocabularyAreNamedUnlessTheyAreAdded() throws IOException {
        Path base = base();
        Path data = Files.writeString(dir.resolve("new.txt"), NEW);
        Path out = dir.resolve("n.r4j");
        Cli.run("train", "--init-from", base.toString(), "--data", data.toString(), "--out", out.toString())
                .assertFailure(1, data + ": 6 characters of the data are not in the vocabulary of " + base
                        + " (13 characters): '!' (U+0021), ':' (U+003A), 'I' (U+0049), 'Q' (U+0051), 'U' (U+0055) and 1 "
                        + "more; give --extend-vocabulary to add them");
        assertFalse(Files.exists(out));

        Cli.Run r = Cli.run(with(STILL, "train", "--init-from", base.toString(), "--data", data.toString(),
                "--extend-vocabulary", "--seed", "5", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        CharModel before = ModelFile.load(base).model();
        CharModel after = ModelFile.load(out).model();
        Vocabulary extended = before.vocabulary().extendedWith('!', ':', 'I', 'Q', 'U', 'Z');
        assertEquals(extended, after.vocabulary());
        // the new rows as a new model of the run's seed draws them, the old ones as they were
        CharModel drawn = CharModel.create(extended, ModelKind.LSTM, List.of(6, 5), 3, Init.DEFAULT,
                new SplitMix64(5).split());
        for (int i : new int[] {0, after.parameters().size() - 2, after.parameters().size() - 1}) { // Wil, Whd, bd
            Mat old = before.parameters().get(i).mat();
            Mat now = after.parameters().get(i).mat();
            Mat fresh = drawn.parameters().get(i).mat();
            assertArrayEquals(Arrays.copyOf(old.w, old.size()), Arrays.copyOf(now.w, old.size()));
            // a new bias starts at zero and the step moves it by about 1e-29
            assertArrayEquals(Arrays.copyOfRange(fresh.w, old.size(), fresh.size()),
                    Arrays.copyOfRange(now.w, old.size(), now.size()), 1e-20f);
        }
        assertEquals("true", ModelFile.load(out).training().get("extendVocabulary"));
    }

    @Test
    void aModelImportedFromPyTorchFineTunesOnAContinuousText() throws IOException {
        Vocabulary chars = Vocabulary.withoutStartEnd(List.of("\n", " ", ".", "a", "c", "e", "h", "i", "m", "n", "o",
                "s", "t"));
        CharModel imported = CharModel.create(chars, ModelKind.LSTM, List.of(6), 3, Init.DEFAULT, new SplittableRandom(1));
        Path model = dir.resolve("imported.r4j");
        ModelFile.save(model, imported, Map.of("imported-from", "m.safetensors", "format", "safetensors"), 0);
        Path data = Files.writeString(dir.resolve("old.txt"), OLD);
        Path out = dir.resolve("t.r4j");
        Cli.Run r = Cli.run("train", "--init-from", model.toString(), "--data", data.toString(), "--batch", "4", "--seq",
                "8", "--steps", "4", "--sample-every", "4", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--- step 4, samples") && r.out().contains("argmax: "), r.out());
        CharModel tuned = ModelFile.load(out).model();
        assertFalse(tuned.vocabulary().hasStartEnd());
        assertEquals(chars, tuned.vocabulary());
        r = Cli.run("eval", "--model", out.toString(), "--data", data.toString());
        assertEquals(0, r.code(), r.err());

        Path sentences = Files.writeString(dir.resolve("s.txt"), "the cat\nthe mat\n");
        Cli.run("train", "--init-from", model.toString(), "--sentences", sentences.toString(), "--out", out.toString(),
                "--force").assertFailure(2, "--sentences: " + model + " has no START/END index (a model imported from "
                + "PyTorch), which sentence mode needs; fine-tune it on a continuous text with --data");

        Path wider = Files.writeString(dir.resolve("wider.txt"), OLD + "a hat!\n".repeat(20));
        r = Cli.run("train", "--init-from", model.toString(), "--data", wider.toString(), "--extend-vocabulary",
                "--batch", "4", "--seq", "8", "--steps", "2", "--quiet", "--sample-every", "0", "--out",
                dir.resolve("w.r4j").toString());
        assertEquals(0, r.code(), r.err());
        Vocabulary widened = ModelFile.load(dir.resolve("w.r4j")).model().vocabulary();
        assertFalse(widened.hasStartEnd());
        assertEquals(chars.extendedWith('!'), widened);
    }
}
