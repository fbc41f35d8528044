package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.SavedModel;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;

/** {@code train --resume}: N steps, then N more, is the run of 2N steps, through the command line. */
class ResumeCommandTest {
    @TempDir
    Path dir;

    private Path sentences() throws IOException {
        return Files.writeString(dir.resolve("sentences.txt"), TrainCommandTest.SENTENCES);
    }

    private Path corpus() throws IOException {
        return Files.writeString(dir.resolve("corpus.txt"), "the cat sat on the mat.\nthe hat is on the cat.\n".repeat(12));
    }

    @Test
    void sentenceModeResumesExactly() throws IOException {
        assertResumesExactly(new String[] {"--sentences", sentences().toString(), "--batch", "2", "--model", "gru",
            "--optimizer", "adam"}, 10);
    }

    @Test
    void corpusModeResumesExactly() throws IOException {
        // 45 chunks of 5 per stream and epoch: the resumed half crosses the wrap into the second epoch
        assertResumesExactly(new String[] {"--data", corpus().toString(), "--batch", "4", "--seq", "5"}, 30);
    }

    @Test
    void corpusModeResumesExactlyWithDropoutTheScheduleTheBestModelAndPatience() throws IOException {
        // an epoch of 45 chunks: the resumed half crosses the first decay; the best file is written on both sides
        assertResumesExactly(new String[] {"--data", corpus().toString(), "--batch", "4", "--seq", "5", "--dropout",
            "0.25", "--lr-decay", "0.8", "--lr-decay-after", "1", "--warmup", "6", "--keep-best", "--patience", "40"},
            30);
        SavedModel whole = ModelFile.load(dir.resolve("whole.best.r4j"));
        SavedModel resumed = ModelFile.load(dir.resolve("half.best.r4j"));
        assertEquals(whole.step(), resumed.step());
        assertBitForBit(whole, resumed);
    }

    @Test
    void aFineTunedRunResumesExactly() throws IOException {
        Path base = dir.resolve("base.r4j");
        Path data = corpus();
        assertEquals(0, Cli.run("train", "--data", data.toString(), "--batch", "4", "--seq", "5", "--hidden", "6,5",
                "--embed", "3", "--steps", "5", "--quiet", "--sample-every", "0", "--out", base.toString()).code());
        Path other = Files.writeString(dir.resolve("other.txt"), "a cat! the mat sat on a hat.\n".repeat(20));
        assertResumesExactly(new String[] {"--data", other.toString(), "--init-from", base.toString(),
            "--extend-vocabulary", "--batch", "4", "--seq", "5", "--dropout", "0.1"}, 10);
    }

    private void assertResumesExactly(String[] data, int n) throws IOException {
        String[] common = Stream.concat(Arrays.stream(data), Stream.of("--hidden", "6,5", "--embed", "3",
                "--report-every", "4", "--sample-every", "5", "--save-every", "5", "--quiet", "--seed", "9"))
                .toArray(String[]::new);
        Path whole = dir.resolve("whole.r4j");
        Cli.Run a = train(common, "--steps", "" + 2 * n, "--out", whole.toString(), "--metrics", dir.resolve("whole.jsonl").toString());
        Path half = dir.resolve("half.r4j");
        Cli.Run b = train(common, "--steps", "" + n, "--out", half.toString(), "--metrics", dir.resolve("half.jsonl").toString());
        assertEquals(n, ModelFile.load(half).step());
        Cli.Run c = Cli.run("train", "--resume", half.toString(), "--steps", "" + 2 * n, "--quiet", "--sample-every", "5",
                "--metrics", dir.resolve("resumed.jsonl").toString());
        assertEquals(0, c.code(), c.err());

        SavedModel expected = ModelFile.load(whole);
        SavedModel actual = ModelFile.load(half);
        assertEquals(2 * n, actual.step());
        assertBitForBit(expected, actual);
        List<String> wholeLines = Files.readAllLines(dir.resolve("whole.jsonl"));
        List<String> halfLines = Files.readAllLines(dir.resolve("half.jsonl"));
        List<String> resumedLines = Files.readAllLines(dir.resolve("resumed.jsonl"));
        assertEquals(halfLines, resumedLines.subList(0, halfLines.size()), "the saved reports, timings and all");
        assertEquals(withoutTimings(wholeLines), withoutTimings(resumedLines));
        assertEquals(2 * n / 4, resumedLines.size());
        assertEquals(a.out(), b.out() + c.out(), "the samples continue from the saved sample generator");
        assertTrue(a.out().contains("--- step " + 2 * n), a.out());
    }

    private static Cli.Run train(String[] common, String... more) {
        String[] args = Stream.concat(Stream.concat(Stream.of("train"), Arrays.stream(common)), Arrays.stream(more))
                .toArray(String[]::new);
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    static void assertBitForBit(SavedModel expected, SavedModel actual) {
        assertSameParameters(expected, actual);
        assertEquals(expected.optimizer().steps(), actual.optimizer().steps());
        expected.optimizer().buffers().forEach((name, b) -> assertArrayEquals(b, actual.optimizer().buffers().get(name), name));
    }

    /** The same parameters, bit for bit. */
    static void assertSameParameters(SavedModel expected, SavedModel actual) {
        List<Parameter> e = expected.model().parameters();
        List<Parameter> a = actual.model().parameters();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) assertArrayEquals(values(e.get(i).mat()), values(a.get(i).mat()), e.get(i).name());
    }

    private static float[] values(Mat m) {
        return Arrays.copyOfRange(m.w, m.offset, m.offset + m.size());
    }

    private static List<String> withoutTimings(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            o.remove("charsPerSecond");
            o.remove("elapsedSeconds");
            out.add(o.toString());
        }
        return out;
    }

    @Test
    void withoutStepsAResumeContinuesToTheTotalItsRunWasGiven() throws IOException {
        Path data = sentences();
        Path file = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", data.toString(), "--steps", "6", "--hidden", "5", "--quiet",
                "--sample-every", "0", "--out", file.toString()).code());
        Cli.run("train", "--resume", file.toString()).assertFailure(2, "is at step 6, the end of its run; give --steps N");

        // the file as a run of 9 steps interrupted at step 6 would have left it
        Checkpoint c = Checkpoint.load(file);
        Map<String, String> settings = new LinkedHashMap<>(c.saved().training());
        settings.put("steps", "9");
        Trainer t = Trainer.sentences(c.saved().model(), SentenceData.read(data, c.saved().model().vocabulary()),
                Optimizer.named("rmsprop"), c.trainer().config(), new SplitMix64(0));
        t.restore(c.trainer());
        Checkpoint.save(file, t, settings, c.generators());

        Cli.Run r = Cli.run("train", "--resume", file.toString(), "--sample-every", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("train: resuming " + file + " at step 6 of 9"), r.err());
        assertEquals(9, ModelFile.load(file).step());
    }

    @Test
    void aResumeToAnotherFileLeavesTheCheckpointAsItWas() throws IOException {
        Path file = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences().toString(), "--steps", "4", "--hidden", "5",
                "--quiet", "--sample-every", "0", "--out", file.toString()).code());
        byte[] before = Files.readAllBytes(file);
        Path other = dir.resolve("other.r4j");
        Cli.Run r = Cli.run("train", "--resume", file.toString(), "--steps", "7", "--out", other.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(7, Checkpoint.load(other).trainer().step());
        assertEquals(4, Checkpoint.load(file).trainer().step());
    }

    @Test
    void theCheckpointFixesWhatIsTrainedAndHow() throws IOException {
        Path file = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences().toString(), "--steps", "4", "--hidden", "5",
                "--quiet", "--sample-every", "0", "--out", file.toString()).code());
        byte[] before = Files.readAllBytes(file);
        for (String[] flag : List.of(new String[] {"--hidden", "8"}, new String[] {"--lr", "0.1"},
                new String[] {"--seed", "3"}, new String[] {"--batch", "2"}, new String[] {"--model", "rnn"})) {
            Cli.run("train", "--resume", file.toString(), "--steps", "8", flag[0], flag[1])
                    .assertFailure(2, flag[0] + ": cannot be changed when resuming");
        }
        Cli.run("train", "--resume", file.toString(), "--steps", "3")
                .assertFailure(2, "--steps: " + file + " is already at step 4");
        Cli.run("train", "--resume", file.toString(), "--steps", "8", "--data", file.toString())
                .assertFailure(2, "--data: " + file + " was trained in sentence mode");
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void movedOrChangedDataIsNamed() throws IOException {
        Path data = sentences();
        Path file = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", data.toString(), "--steps", "4", "--hidden", "5", "--quiet",
                "--sample-every", "0", "--out", file.toString()).code());
        Path moved = Files.move(data, dir.resolve("moved.txt"));
        Cli.run("train", "--resume", file.toString(), "--steps", "6")
                .assertFailure(1, "no such file: " + file + " was trained on it; give its new place with --sentences FILE");
        Path changed = Files.writeString(dir.resolve("changed.txt"), TrainCommandTest.SENTENCES + "the cat\n");
        Cli.run("train", "--resume", file.toString(), "--steps", "6", "--sentences", changed.toString())
                .assertFailure(1, "cannot resume from " + file + ": restore: the training data differs");
        Cli.Run r = Cli.run("train", "--resume", file.toString(), "--steps", "6", "--sentences", moved.toString(),
                "--quiet", "--sample-every", "0");
        assertEquals(0, r.code(), r.err());
        assertEquals(moved.toAbsolutePath().toString(), ModelFile.load(file).training().get("data"));
    }

    @Test
    void unusableCheckpointsAreOneLineAndLeaveTheFileAlone() throws IOException {
        Path data = sentences();
        Path file = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", data.toString(), "--steps", "3", "--hidden", "5", "--quiet",
                "--sample-every", "0", "--out", file.toString()).code());
        byte[] bytes = Files.readAllBytes(file);
        Cli.run("train", "--resume", dir.resolve("absent.r4j").toString(), "--steps", "5")
                .assertFailure(1, "no such model file");
        Cli.run("train", "--resume", dir.toString(), "--steps", "5").assertFailure(1, "is a directory");
        Path empty = Files.write(dir.resolve("empty.r4j"), new byte[0]);
        Cli.run("train", "--resume", empty.toString(), "--steps", "5").assertFailure(1, "not a recurrent4j model file");
        Cli.run("train", "--resume", data.toString(), "--steps", "5").assertFailure(1, "not a recurrent4j model file");
        for (int length : new int[] {9, 14, 200, bytes.length / 2, bytes.length - 3}) {
            Path cut = Files.write(dir.resolve("cut.r4j"), Arrays.copyOf(bytes, length));
            Cli.run("train", "--resume", cut.toString(), "--steps", "5").assertFailure(1, "truncated");
            assertEquals(length, Files.size(cut), "a refused checkpoint is not replaced");
        }
        for (int at : new int[] {12, 40, bytes.length / 3, bytes.length - 30}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x20;
            Path bad = Files.write(dir.resolve("flipped.r4j"), flipped);
            Cli.run("train", "--resume", bad.toString(), "--steps", "5").assertFailure(1, "corrupt");
            assertArrayEquals(flipped, Files.readAllBytes(bad));
        }
        Path model = dir.resolve("model-only.r4j");
        ModelFile.save(model, ModelFile.load(file).model(), Map.of(), 3);
        Cli.run("train", "--resume", model.toString(), "--steps", "5").assertFailure(1, "holds a model but no training state");
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }
}
