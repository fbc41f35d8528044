package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.Vocabulary;

class SampleAndEvalCommandTest {
    @TempDir
    Path dir;
    Path model;
    Path sentences;

    @BeforeEach
    void writeAModel() throws IOException {
        sentences = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES);
        SentenceData data = SentenceData.read(sentences);
        CharModel m = CharModel.create(data.vocabulary(), ModelKind.GRU, List.of(8), 4, Init.gaussian(0.5f),
                new SplittableRandom(3));
        model = dir.resolve("m.r4j");
        ModelFile.save(model, m, Map.of(), 0);
    }

    @Test
    void samplesAreLinesThatTheSeedReproduces() {
        Cli.Run r = Cli.run("sample", "--model", model.toString(), "--count", "3", "--length", "20", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size());
        for (String line : lines) assertTrue(line.length() <= 20, line);
        assertEquals(r.out(), Cli.run("sample", "--model", model.toString(), "--count", "3", "--length", "20",
                "--seed", "5").out());
        assertNotEquals(r.out(), Cli.run("sample", "--model", model.toString(), "--count", "3", "--length", "20",
                "--seed", "6").out());
    }

    @Test
    void thePrimeIsPrintedFirstAndArgmaxIgnoresTheSeed() {
        Cli.Run r = Cli.run("sample", "--model", model.toString(), "--prime", "the c", "--count", "2");
        assertEquals(0, r.code(), r.err());
        r.out().lines().forEach(l -> assertTrue(l.startsWith("the c"), l));
        String a = Cli.run("sample", "--model", model.toString(), "--argmax", "--seed", "1").out();
        assertEquals(a, Cli.run("sample", "--model", model.toString(), "--argmax", "--seed", "2", "--temperature", "3").out());
    }

    @Test
    void badSampleOptionsAndFilesAreOneLine() throws IOException {
        String m = model.toString();
        Cli.run("sample", "--model", m, "--prime", "thQ").assertFailure(2, "--prime: character 'Q' (U+0051) at position 3 is not in the vocabulary");
        Cli.run("sample", "--model", m, "--temperature", "0").assertFailure(2, "--temperature");
        Cli.run("sample", "--model", m, "--length", "0").assertFailure(2, "--length: must be at least 1");
        Cli.run("sample", "--model", m, "--count", "0").assertFailure(2, "--count: must be at least 1");
        Cli.run("sample").assertFailure(2, "Missing required option: '--model=FILE'");
        Cli.run("sample", "--model", dir.resolve("absent.r4j").toString()).assertFailure(1, "no such model file");
        Cli.run("sample", "--model", dir.toString()).assertFailure(1, "is a directory");
        Cli.run("sample", "--model", sentences.toString()).assertFailure(1, "not a recurrent4j model file");
        byte[] bytes = Files.readAllBytes(model);
        Path cut = Files.write(dir.resolve("cut.r4j"), Arrays.copyOf(bytes, bytes.length - 10));
        Cli.run("sample", "--model", cut.toString()).assertFailure(1, "truncated");
    }

    @Test
    void evalJsonHasTheFourKeys() {
        Cli.Run r = Cli.run("eval", "--model", model.toString(), "--sentences", sentences.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(Set.of("nats", "predictions", "bitsPerChar", "perplexity"), o.keySet());
        long chars = TrainCommandTest.SENTENCES.replace("\n", "").length();
        assertEquals(chars + 5, o.get("predictions").getAsLong()); // 5 sentences, each with END
        double nats = o.get("nats").getAsDouble();
        assertEquals(Math.exp(nats / o.get("predictions").getAsDouble()), o.get("perplexity").getAsDouble(), 1e-9);
    }

    @Test
    void evalPrintsFourLinesForContinuousText() throws IOException {
        Path text = Files.writeString(dir.resolve("t.txt"), "the cat sat on the mat the hat");
        Cli.Run r = Cli.run("eval", "--model", model.toString(), "--data", text.toString(), "--streams", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).matches("predictions +29"), lines.get(1));
        assertTrue(lines.get(2).startsWith("bits per char") && lines.get(3).startsWith("perplexity"), r.out());
    }

    @Test
    void badEvalInputIsOneLine() throws IOException {
        String m = model.toString();
        Path other = Files.writeString(dir.resolve("o.txt"), "the cat\nthe dog\n");
        Cli.run("eval", "--model", m, "--sentences", other.toString())
                .assertFailure(1, "character 'd' (U+0064) at line 2, column 5 of " + other);
        Cli.run("eval", "--model", m).assertFailure(2, "give one of --sentences FILE or --data FILE");
        Cli.run("eval", "--model", m, "--sentences", other.toString(), "--data", other.toString())
                .assertFailure(2, "give one of");
        Cli.run("eval", "--model", m, "--data", dir.resolve("absent.txt").toString()).assertFailure(1, "no such file");
    }

    @Test
    void aModelWithoutStartEndSamplesFromItsPrimeAndEvaluatesOnlyContinuousText() throws IOException {
        Vocabulary plain = Vocabulary.withoutStartEnd(SentenceData.read(sentences).vocabulary().characters());
        CharModel m = CharModel.create(plain, ModelKind.GRU_RESET_AFTER, List.of(8), 4, Init.gaussian(0.5f),
                new SplittableRandom(3));
        Path file = dir.resolve("plain.r4j");
        ModelFile.save(file, m, Map.of(), 0);
        String f = file.toString();
        Cli.Run r = Cli.run("sample", "--model", f, "--prime", "the", "--length", "30", "--count", "2");
        assertEquals(0, r.code(), r.err());
        // No END to stop at: every sample is the prime and exactly --length characters.
        r.out().lines().forEach(l -> assertTrue(l.startsWith("the") && l.codePointCount(0, l.length()) == 33, l));
        Cli.run("sample", "--model", f).assertFailure(2, "--prime: " + f + ": the model's vocabulary has no START token");
        Cli.run("eval", "--model", f, "--sentences", sentences.toString())
                .assertFailure(2, "--sentences: " + f + " has no START/END index");
        Path text = Files.writeString(dir.resolve("t.txt"), "the cat sat on the mat the hat");
        Cli.Run e = Cli.run("eval", "--model", f, "--data", text.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(29, JsonParser.parseString(e.out()).getAsJsonObject().get("predictions").getAsLong());
        Cli.run("export", "--model", f, "--out", dir.resolve("plain.json").toString())
                .assertFailure(1, "has no START/END index");
        assertTrue(!Files.exists(dir.resolve("plain.json")));
    }

    @Test
    void helpIsCompleteForSampleAndEval() {
        String sample = Cli.run("sample", "--help").out();
        for (String flag : List.of("--model", "--temperature", "--prime", "--length", "--argmax", "--count", "--seed")) {
            assertTrue(sample.contains(flag), flag);
        }
        String eval = Cli.run("eval", "--help").out();
        for (String flag : List.of("--model", "--sentences", "--data", "--json", "--streams")) {
            assertTrue(eval.contains(flag), flag);
        }
    }
}
