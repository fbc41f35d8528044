package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.BeamSearch;
import org.recurrent4j.text.BeamText;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Sampler;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.Vocabulary;

class BeamSampleCommandTest {
    @TempDir
    Path dir;
    Path model;
    CharModel loaded;

    @BeforeEach
    void writeAModel() throws IOException {
        Path sentences = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES);
        SentenceData data = SentenceData.read(sentences);
        CharModel m = CharModel.create(data.vocabulary(), ModelKind.GRU, List.of(8), 4, Init.gaussian(0.5f),
                new SplittableRandom(3));
        model = dir.resolve("m.r4j");
        ModelFile.save(model, m, Map.of(), 0);
        loaded = ModelFile.load(model).model();
    }

    private Cli.Run sample(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "sample";
        args[1] = "--model";
        args[2] = model.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return Cli.run(args);
    }

    @Test
    void beamOnePrintsTheArgmaxTextAfterItsLogProbability() {
        for (String prime : List.of("", "the c", "a")) {
            Cli.Run argmax = sample("--argmax", "--prime", prime, "--length", "40");
            Cli.Run beam = sample("--beam", "1", "--prime", prime, "--length", "40");
            assertEquals(0, beam.code(), beam.err());
            String line = beam.out().lines().findFirst().orElseThrow();
            assertEquals(1, beam.out().lines().count());
            String[] fields = line.split("\t", 2);
            assertEquals(List.of(fields[1]), argmax.out().lines().toList(), "prime '" + prime + "'");
            assertTrue(fields[0].matches("-\\d+\\.\\d{4}"), line);
        }
    }

    @Test
    void countShowsTheBestTextsOfTheBeamBestFirstWithTheirLogProbabilities() {
        Cli.Run r = sample("--beam", "6", "--count", "4", "--prime", "the ", "--length", "30", "--seed", "9");
        assertEquals(0, r.code(), r.err());
        List<BeamText> want = new BeamSearch(loaded).search("the ", 30, 6).subList(0, 4);
        List<String> expected = want.stream()
                .map(t -> String.format(Locale.ROOT, "%.4f\tthe %s", t.logProbability(), t.text())).toList();
        assertEquals(expected, r.out().lines().toList());
        for (int i = 1; i < want.size(); i++) {
            assertTrue(want.get(i - 1).logProbability() >= want.get(i).logProbability());
        }
        assertEquals(r.out(), sample("--beam", "6", "--count", "4", "--prime", "the ", "--length", "30").out(),
                "beam search draws nothing from the seed");
        assertEquals(List.of(expected.get(0)), sample("--beam", "6", "--prime", "the ", "--length", "30")
                .out().lines().toList(), "the default count is the best text alone");
    }

    @Test
    void aModelWithoutStartEndIsSearchedFromItsPrime() throws IOException {
        CharModel plain = CharModel.create(Vocabulary.withoutStartEnd(loaded.vocabulary().characters()),
                ModelKind.GRU_RESET_AFTER, List.of(8), 4, Init.gaussian(0.5f), new SplittableRandom(4));
        Path file = dir.resolve("plain.r4j");
        ModelFile.save(file, plain, Map.of(), 0);
        Cli.Run r = Cli.run("sample", "--model", file.toString(), "--beam", "3", "--count", "2", "--prime", "th",
                "--length", "6");
        assertEquals(0, r.code(), r.err());
        List<String> expected = new BeamSearch(ModelFile.load(file).model()).search("th", 6, 3).subList(0, 2).stream()
                .map(t -> String.format(Locale.ROOT, "%.4f\tth%s", t.logProbability(), t.text())).toList();
        assertEquals(expected, r.out().lines().toList());
        assertTrue(r.out().lines().allMatch(line -> line.split("\t", 2)[1].length() == 8),
                "no END: every text is the prime and --length characters: " + r.out());
        Cli.run("sample", "--model", file.toString(), "--beam", "3").assertFailure(2, "--prime: " + file + ": "
                + Sampler.NEEDS_PRIME);
    }

    @Test
    void badBeamOptionsAreRefusedInOneLine() {
        sample("--beam", "0").assertFailure(2, "--beam: must be at least 1, got 0");
        sample("--beam", "-3").assertFailure(2, "--beam: must be at least 1, got -3");
        sample("--beam", "1001").assertFailure(2, "--beam: must be at most 1000, got 1001");
        sample("--beam", "x").assertFailure(2, "--beam");
        sample("--beam", "2", "--temperature", "0.5").assertFailure(2, "--temperature only applies to sampling");
        sample("--beam", "2", "--temperature", "1").assertFailure(2, "--temperature only applies to sampling");
        sample("--beam", "2", "--argmax").assertFailure(2, "--beam and --argmax: give one");
        sample("--beam", "2", "--count", "3").assertFailure(2, "--count 3: --beam 2 keeps only the 2 best texts");
        sample("--beam", "2", "--prime", "thQ").assertFailure(2, "--prime: character 'Q' (U+0051) at position 3");
        sample("--beam", "2", "--length", "0").assertFailure(2, "--length: must be at least 1");
        sample("--beam", "2", "--length", "2000000000").assertFailure(2, "--length 2000000000 with --beam 2: beam search");
        Cli.run("sample", "--model", dir.resolve("absent.r4j").toString(), "--beam", "0")
                .assertFailure(2, "--beam: must be at least 1");
    }
}
