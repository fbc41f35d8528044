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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.SavedModel;

/** {@code export} and {@code import}: RecurrentJS JSON out and back, through the command line. */
class ExportImportCommandTest {
    @TempDir
    Path dir;
    Path sentences;
    Path checkpoint;

    @BeforeEach
    void train() throws IOException {
        sentences = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES);
        checkpoint = dir.resolve("m.r4j");
        Cli.Run r = Cli.run("train", "--sentences", sentences.toString(), "--steps", "20", "--hidden", "8,6",
                "--quiet", "--sample-every", "0", "--out", checkpoint.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void anExportedAndImportedModelEvaluatesToTheSameLoss() throws IOException {
        Path json = dir.resolve("m.json");
        Cli.Run e = Cli.run("export", "--model", checkpoint.toString(), "--format", "recurrentjs", "--out", json.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals("", e.err(), "rmsprop: the step cache is real, no note");
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("lstm", o.get("generator").getAsString());
        assertEquals("[8,6]", o.get("hidden_sizes").toString());

        Path imported = dir.resolve("i.r4j");
        Cli.Run i = Cli.run("import", "--format", "recurrentjs", json.toString(), "--out", imported.toString());
        assertEquals(0, i.code(), i.err());
        String a = Cli.run("eval", "--model", checkpoint.toString(), "--sentences", sentences.toString(), "--json").out();
        String b = Cli.run("eval", "--model", imported.toString(), "--sentences", sentences.toString(), "--json").out();
        assertEquals(JsonParser.parseString(a), JsonParser.parseString(b), "the same nats, bit for bit");
        assertEquals(Cli.run("sample", "--model", checkpoint.toString(), "--count", "3").out(),
                Cli.run("sample", "--model", imported.toString(), "--count", "3").out());

        Path again = dir.resolve("again.json");
        assertEquals(0, Cli.run("export", "--model", imported.toString(), "--out", again.toString()).code());
        assertEquals(Files.readString(json), Files.readString(again), "import then export gives the same numbers");
        SavedModel s = ModelFile.load(imported);
        assertEquals("rmsprop", s.optimizer().kind(), "the step cache is kept");
        Cli.run("train", "--resume", imported.toString(), "--steps", "30")
                .assertFailure(1, "holds a model but no training state");
    }

    @Test
    void anotherOptimizerExportsAZeroCacheAndSaysSo() throws IOException {
        Path adam = dir.resolve("adam.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences.toString(), "--steps", "2", "--hidden", "4",
                "--model", "gf-gru", "--optimizer", "adam", "--quiet", "--sample-every", "0", "--out", adam.toString()).code());
        Path json = dir.resolve("adam.json");
        Cli.Run r = Cli.run("export", "--model", adam.toString(), "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("export: note: " + adam + " holds no RMSProp state (it was trained with adam); "
                + "solver.step_cache is written as zeros"), r.err());
        JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("gf-gru", o.get("generator").getAsString());
        assertTrue(o.getAsJsonObject("model").has("Wch0to0") && o.getAsJsonObject("model").has("Wgh0to0"));
    }

    @Test
    void badJsonIsOneLineAndWritesNothing() throws IOException {
        Path json = dir.resolve("m.json");
        assertEquals(0, Cli.run("export", "--model", checkpoint.toString(), "--out", json.toString()).code());
        String good = Files.readString(json);
        Path out = dir.resolve("i.r4j");
        assertBadImport(good.replace("\"letter_size\":", "\"letter_sizes\":"), "the key 'letter_size' is missing", out);
        assertBadImport(good.replaceFirst("\"n\":8,\"d\":5", "\"n\":5,\"d\":8"), "model.Wix0 is 5x8", out);
        assertBadImport(good.replaceFirst("\"w\":\\[", "\"w\":[NaN,"), "is NaN", out);
        assertBadImport(good.replaceFirst("\"vocab\":\\[\"", "\"vocab\":[\"Q\",\""), "vocab has", out);
        assertBadImport(good.substring(0, 500), "not valid JSON", out);
        assertBadImport("", "is empty", out);
        Cli.run("import", dir.resolve("absent.json").toString(), "--out", out.toString()).assertFailure(1, "no such model file");
        Cli.run("import", dir.toString(), "--out", out.toString()).assertFailure(1, "is a directory");
        Path binary = Files.write(dir.resolve("b.json"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
        Cli.run("import", binary.toString(), "--out", out.toString()).assertFailure(1, "not a RecurrentJS JSON model");
        assertFalse(Files.exists(out));
    }

    private void assertBadImport(String json, String message, Path out) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), json);
        Cli.run("import", "--format", "recurrentjs", bad.toString(), "--out", out.toString()).assertFailure(1, message);
        assertFalse(Files.exists(out));
    }

    @Test
    void badOptionsAndOutputsAreUsageErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        String m = checkpoint.toString();
        Cli.run("export", "--model", m, "--format", "onnx", "--out", dir.resolve("x.json").toString())
                .assertFailure(2, "--format: unknown format 'onnx', expected recurrentjs");
        Cli.run("export", "--model", m).assertFailure(2, "Missing required option: '--out=FILE'");
        for (String out : List.of(dir.resolve("missing/x.json").toString(), file.resolve("x.json").toString(),
                "/proc/x.json", dir.toString())) {
            Cli.run("export", "--model", m, "--out", out).assertFailure(2, "--out " + out);
            Cli.run("import", m, "--out", out).assertFailure(2, "--out " + out);
        }
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 1;
        Path flipped = Files.write(dir.resolve("flipped.r4j"), bytes);
        Path json = dir.resolve("f.json");
        Cli.run("export", "--model", flipped.toString(), "--out", json.toString()).assertFailure(1, "corrupt");
        assertFalse(Files.exists(json));
        Cli.run("import", m, "--out", dir.resolve("i.r4j").toString())
                .assertFailure(1, "is a recurrent4j model file, not JSON; it needs no import");
        Cli.run("export", "--model", dir.resolve("absent.r4j").toString(), "--out", json.toString())
                .assertFailure(1, "no such model file");
        Cli.run("export", "--model", dir.toString(), "--out", json.toString()).assertFailure(1, "is a directory");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"generator\": 3}");
        Cli.Run r = Cli.run("import", bad.toString(), "--out", dir.resolve("i.r4j").toString(), "--debug");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("recurrent4j import: " + bad + ": generator is not a string"), r.err());
        assertTrue(r.err().contains("\tat org.recurrent4j.io."), "the stack trace: " + r.err());
    }

    @Test
    void anExportReplacesTheOldFileWhole() throws IOException {
        Path json = dir.resolve("m.json");
        Files.writeString(json, "old");
        assertEquals(0, Cli.run("export", "--model", checkpoint.toString(), "--out", json.toString()).code());
        assertTrue(Files.readString(json).startsWith("{\"hidden_sizes\":[8,6],\"generator\":\"lstm\""));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        assertArrayEquals(Files.readAllBytes(json), Files.readAllBytes(json));
    }

    @Test
    void helpListsTheOptions() {
        String export = Cli.run("export", "--help").out();
        for (String flag : List.of("--model", "--format", "--out")) assertTrue(export.contains(flag), flag);
        String imp = Cli.run("import", "--help").out();
        for (String flag : List.of("FILE.json", "--format", "--out")) assertTrue(imp.contains(flag), flag);
        assertTrue(Cli.run("--help").out().contains("export") && Cli.run("--help").out().contains("import"));
    }
}
