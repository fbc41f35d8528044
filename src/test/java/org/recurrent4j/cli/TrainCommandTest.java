package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.SavedModel;
import org.recurrent4j.kernel.KernelThreads;

class TrainCommandTest {
    static final String SENTENCES = "the cat sat\non the mat\na cat\nthe hat is on the cat\nsat\n";

    @TempDir
    Path dir;

    private Path sentences() throws IOException {
        return Files.writeString(dir.resolve("sentences.txt"), SENTENCES);
    }

    private Path corpus() throws IOException {
        return Files.writeString(dir.resolve("corpus.txt"), "the cat sat on the mat.\nthe hat is on the cat.\n".repeat(12));
    }

    private static List<JsonObject> metrics(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void aTinySentenceRunWritesTheModelTheMetricsAndSamples() throws IOException {
        Path model = dir.resolve("m.r4j");
        Path log = dir.resolve("metrics.jsonl");
        Cli.Run r = Cli.run("train", "--sentences", sentences().toString(), "--steps", "5", "--report-every", "1",
                "--hidden", "8", "--out", model.toString(), "--metrics", log.toString());
        assertEquals(0, r.code(), r.err());
        SavedModel saved = ModelFile.load(model);
        assertEquals(5, saved.step());
        assertEquals("lstm", saved.model().kind());
        assertEquals(List.of(8), saved.model().hiddenSizes());
        assertEquals("sentences", saved.training().get("mode"));
        List<JsonObject> lines = metrics(log);
        assertEquals(5, lines.size());
        for (int i = 0; i < 5; i++) {
            JsonObject o = lines.get(i);
            assertEquals(i + 1, o.get("step").getAsInt());
            assertEquals(Set.of("step", "loss", "perplexity", "medianPerplexity", "learningRate", "charsPerSecond",
                    "elapsedSeconds"), o.keySet());
            assertEquals(0.01, o.get("learningRate").getAsDouble());
            assertTrue(o.get("loss").getAsDouble() > 0 && o.get("medianPerplexity").getAsDouble() > 1, o.toString());
        }
        assertTrue(r.out().contains("--- step 5, samples at temperature 1.0") && r.out().contains("argmax: "), r.out());
        assertTrue(r.err().contains("train: done at step 5") && r.err().contains("saved " + model), r.err());
        assertTrue(r.err().contains("5/5"), "the progress bar: " + r.err());
    }

    @Test
    void corpusModeRecordsTheValidationLossAndEpochQuietly() throws IOException {
        Path model = dir.resolve("c.r4j");
        Path log = dir.resolve("c.jsonl");
        Cli.Run r = Cli.run("train", "--data", corpus().toString(), "--batch", "2", "--seq", "10", "--steps", "4",
                "--report-every", "2", "--hidden", "6", "--out", model.toString(), "--metrics", log.toString(),
                "--quiet", "--sample-every", "0");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals("", r.out());
        List<JsonObject> lines = metrics(log);
        assertEquals(2, lines.size());
        for (JsonObject o : lines) {
            assertTrue(o.has("valLoss") && o.has("epoch") && !o.has("medianPerplexity"), o.toString());
        }
        assertEquals("corpus", ModelFile.load(model).training().get("mode"));
    }

    @Test
    void dropoutAndTheScheduleAreRecordedAndEveryReportHasItsRate() throws IOException {
        Path model = dir.resolve("d.r4j");
        Path log = dir.resolve("d.jsonl");
        Path data = corpus();
        Cli.Run r = Cli.run("train", "--data", data.toString(), "--batch", "4", "--seq", "10", "--steps", "16",
                "--report-every", "1", "--hidden", "6,5", "--dropout", "0.25", "--lr-decay", "0.5", "--lr-decay-after",
                "1", "--warmup", "4", "--out", model.toString(), "--metrics", log.toString(), "--sample-every", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("lr 0.01 (warm-up 4 steps, x0.5 per epoch from the end of epoch 1, an epoch of")
                && r.err().contains("dropout 0.25"), r.err());
        var c = org.recurrent4j.io.Checkpoint.load(model);
        var config = c.trainer().config();
        assertEquals(0.25f, config.dropout());
        assertEquals(0.5f, config.lrDecay());
        assertEquals(1, config.lrDecayAfter());
        assertEquals(4, config.warmup());
        assertTrue(c.trainer().dropoutGenerator() != null);
        List<JsonObject> lines = metrics(log);
        assertEquals(16, lines.size());
        long perEpoch = org.recurrent4j.text.CorpusData.read(data).trainingStreams(4, 10).chunksPerEpoch();
        for (JsonObject o : lines) {
            int step = o.get("step").getAsInt();
            assertEquals(Double.parseDouble(Float.toString(config.learningRate(step, perEpoch))),
                    o.get("learningRate").getAsDouble(), "step " + step);
        }
        assertEquals(0.0025, lines.getFirst().get("learningRate").getAsDouble(), "the warm-up's first step");
        assertEquals(0.005, lines.getLast().get("learningRate").getAsDouble(), "after the first epoch's end: " + perEpoch);
    }

    @Test
    void theResetAfterGruTrainsSavesAndResumes() throws IOException {
        Path model = dir.resolve("g.r4j");
        Cli.Run r = Cli.run("train", "--model", "gru-reset-after", "--data", corpus().toString(), "--batch", "2",
                "--seq", "10", "--steps", "4", "--report-every", "2", "--hidden", "6", "--quiet", "--sample-every",
                "0", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        SavedModel saved = ModelFile.load(model);
        assertEquals("gru-reset-after", saved.model().kind());
        assertEquals(4, saved.step());
        Cli.Run resumed = Cli.run("train", "--resume", model.toString(), "--steps", "6", "--quiet", "--sample-every", "0");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(6, ModelFile.load(model).step());
    }

    @Test
    void theEmbeddedCorpusIsTheDefault() throws IOException {
        Path model = dir.resolve("e.r4j");
        Cli.Run r = Cli.run("train", "--steps", "2", "--batch", "2", "--seq", "8", "--hidden", "4", "--quiet",
                "--sample-every", "0", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("the embedded corpus", ModelFile.load(model).training().get("data"));
    }

    @Test
    void theSameSeedGivesTheSameMetricsLines() throws IOException {
        Path data = sentences();
        String[] common = {"train", "--sentences", data.toString(), "--steps", "20", "--report-every", "4",
            "--hidden", "6", "--batch", "2", "--quiet", "--seed", "42"};
        List<String> first = run(common, "a");
        assertEquals(5, first.size());
        assertEquals(first, run(common, "b"));
    }

    private List<String> run(String[] common, String name) throws IOException {
        Path log = dir.resolve(name + ".jsonl");
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.stream.Stream.of("--out", dir.resolve(name + ".r4j").toString(), "--metrics", log.toString()))
                .toArray(String[]::new);
        assertEquals(0, Cli.run(args).code());
        return metrics(log).stream().map(o -> {
            o.remove("charsPerSecond");
            o.remove("elapsedSeconds");
            return o.toString();
        }).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--hidden|0|--hidden: layer size 0",
        "--hidden|-3|--hidden: layer size -3",
        "--hidden|abc|--hidden: 'abc' is not a comma-separated list",
        "--hidden|20,,20|--hidden: '20,,20'",
        "--lr|-1|--lr: must be a positive finite number, got -1",
        "--lr|NaN|--lr: must be a positive finite number, got NaN",
        "--lr|abc|'abc' is not a float",
        "--steps|0|--steps: must be at least 1, got 0",
        "--temperature|0|--temperature: must be a positive finite number, got 0",
        "--batch|0|--batch: must be at least 1, got 0",
        "--embed|0|--embed: must be at least 1",
        "--threads|0|--threads: must be at least 1",
        "--minutes|-2|--minutes: must be a positive finite number",
        "--report-every|0|--report-every: must be at least 1",
        "--val-every|150|--val-every: must be a positive multiple of --report-every 100",
        "--model|transformer|--model: unknown model kind 'transformer'",
        "--optimizer|adagrad|--optimizer: unknown optimizer 'adagrad'",
        "--init|normal|--init: unknown distribution 'normal'",
        "--clip|0|--clip: must be a positive number",
        "--dropout|1|--dropout: must be at least 0 and below 1, got 1",
        "--dropout|-0.5|--dropout: must be at least 0 and below 1, got -0.5",
        "--lr-decay|0|--lr-decay: must be above 0 and at most 1, got 0",
        "--lr-decay|1.5|--lr-decay: must be above 0 and at most 1, got 1.5",
        "--lr-decay-after|3|--lr-decay-after: has no effect without --lr-decay R below 1",
        "--warmup|-1|--warmup: must be at least 0, got -1",
    })
    void aBadFlagIsOneLineOnStderrBeforeAnyWork(String flag, String value, String message) {
        // the data file does not exist: the flag must be reported first, before any data is read
        Cli.Run r = Cli.run("train", "--sentences", dir.resolve("absent.txt").toString(), flag, value,
                "--out", dir.resolve("x.r4j").toString());
        r.assertFailure(2, message);
        assertTrue(r.err().contains("(see 'recurrent4j train --help')"), r.err());
        assertFalse(Files.exists(dir.resolve("x.r4j")));
    }

    @Test
    void anUnusableOutputIsReportedBeforeTraining() throws IOException {
        Path data = sentences();
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Cli.run("train", "--sentences", data.toString(), "--out", dir.resolve("missing/m.r4j").toString())
                .assertFailure(2, "missing does not exist");
        Cli.run("train", "--sentences", data.toString(), "--out", dir.toString()).assertFailure(2, "is a directory");
        Cli.run("train", "--sentences", data.toString(), "--out", file.resolve("m.r4j").toString())
                .assertFailure(2, "plain.txt is a file, not a directory");
        Cli.run("train", "--sentences", data.toString(), "--out", "/proc/m.r4j")
                .assertFailure(2, "cannot write in the directory /proc");
        Cli.run("train", "--sentences", data.toString(), "--metrics", dir.resolve("nowhere/m.jsonl").toString(),
                "--out", dir.resolve("m.r4j").toString()).assertFailure(2, "--metrics");
        assertFalse(Files.exists(dir.resolve("m.r4j")));
    }

    @Test
    void unreadableDataIsOneLineOnStderr() throws IOException {
        String out = dir.resolve("m.r4j").toString();
        Cli.run("train", "--sentences", dir.resolve("absent.txt").toString(), "--out", out)
                .assertFailure(1, "absent.txt: no such file");
        Cli.run("train", "--data", dir.toString(), "--out", out).assertFailure(1, "is a directory");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        Cli.run("train", "--sentences", empty.toString(), "--out", out).assertFailure(1, "is empty");
        Path binary = Files.write(dir.resolve("data.bin"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2});
        Cli.run("train", "--data", binary.toString(), "--out", out).assertFailure(1, "binary");
        Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n");
        Cli.run("train", "--sentences", blank.toString(), "--out", out).assertFailure(1, "has no sentences");
        Path tiny = Files.writeString(dir.resolve("tiny.txt"), "abc");
        Cli.run("train", "--data", tiny.toString(), "--out", out).assertFailure(1, "fewer than");
        Cli.run("train", "--sentences", tiny.toString(), "--data", tiny.toString(), "--out", out)
                .assertFailure(2, "give --sentences or --data, not both");
        assertFalse(Files.exists(dir.resolve("m.r4j")));
    }

    @Test
    void divergenceStopsWithAClearMessageAndKeepsThePreviousModelFile() throws IOException {
        Path data = sentences();
        Path model = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", data.toString(), "--steps", "3", "--hidden", "6", "--quiet",
                "--out", model.toString()).code());
        byte[] before = Files.readAllBytes(model);
        Cli.run("train", "--sentences", data.toString(), "--steps", "50", "--hidden", "6", "--lr", "1e38", "--quiet",
                        "--force", "--out", model.toString())
                .assertFailure(1, "training diverged at step");
        assertArrayEquals(before, Files.readAllBytes(model));
    }

    @Test
    void threadsSizeTheKernelPool() throws IOException {
        int before = KernelThreads.get();
        try {
            Cli.Run r = Cli.run("train", "--sentences", sentences().toString(), "--steps", "1", "--hidden", "4",
                    "--threads", "3", "--sample-every", "0", "--out", dir.resolve("t.r4j").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("train: matrix products on up to 3 threads"), r.err());
            assertEquals(3, KernelThreads.get());
        } finally {
            KernelThreads.set(before);
        }
    }

    @Test
    void helpListsEveryOption() {
        Cli.Run r = Cli.run("train", "--help");
        assertEquals(0, r.code());
        for (String flag : List.of("--sentences", "--data", "--model", "--hidden", "--embed", "--init", "--optimizer",
                "--lr", "--regc", "--clip", "--dropout", "--lr-decay", "--lr-decay-after", "--warmup", "--batch", "--seq", "--steps", "--minutes", "--seed", "--out",
                "--save-every", "--report-every", "--val-every", "--sample-every", "--metrics", "--temperature",
                "--threads", "--quiet", "--resume", "--keep-best", "--patience", "--init-from", "--extend-vocabulary")) {
            assertTrue(r.out().contains(flag), flag + " in " + r.out());
        }
        String text = r.out().replaceAll("\\s+", " "); // descriptions wrap at the help's width
        assertTrue(text.contains("default: 20,20") && text.contains("default: 0.01"), r.out());
    }
}
