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

    /** A model PyTorch has a module for: a reset-after GRU of two equal layers, trained a few steps. */
    private Path gru() {
        Path gru = dir.resolve("gru.r4j");
        Cli.Run r = Cli.run("train", "--sentences", sentences.toString(), "--steps", "5", "--hidden", "6,6",
                "--model", "gru-reset-after", "--quiet", "--sample-every", "0", "--out", gru.toString());
        assertEquals(0, r.code(), r.err());
        return gru;
    }

    @Test
    void aSafetensorsExportImportsBackToTheSameModel() throws IOException {
        Path gru = gru();
        Path st = dir.resolve("out/m.safetensors");
        Files.createDirectories(st.getParent());
        Cli.Run e = Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", st.toString(),
                "--map", "rnn=model.gru");
        assertEquals(0, e.code(), e.err());
        Path vocab = dir.resolve("out/vocab.json");
        assertTrue(Files.readString(vocab).startsWith("[\"\",\" \","), "START/END is the first row: " + Files.readString(vocab));
        Path imported = dir.resolve("i.r4j");
        Cli.Run i = Cli.run("import", "--format", "safetensors", st.toString(), "--vocab", vocab.toString(),
                "--out", imported.toString());
        assertEquals(0, i.code(), i.err());
        String a = Cli.run("eval", "--model", gru.toString(), "--sentences", sentences.toString(), "--json").out();
        String b = Cli.run("eval", "--model", imported.toString(), "--sentences", sentences.toString(), "--json").out();
        assertEquals(JsonParser.parseString(a), JsonParser.parseString(b), "the same nats, bit for bit");
        SavedModel s = ModelFile.load(imported);
        assertEquals("gru-reset-after", s.model().kind());
        assertEquals("safetensors", s.training().get("format"));
    }

    @Test
    void anRnnsNonLinearityIsTheRecordedOneOrTheOneGiven() throws IOException {
        Path rnn = dir.resolve("rnn.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences.toString(), "--steps", "2", "--hidden", "5",
                "--model", "rnn", "--quiet", "--sample-every", "0", "--out", rnn.toString()).code());
        Path st = dir.resolve("rnn.safetensors");
        Path vocab = dir.resolve("rnn-vocab.json");
        assertEquals(0, Cli.run("export", "--format", "safetensors", "--model", rnn.toString(), "--out", st.toString(),
                "--vocab", vocab.toString()).code());
        Path out = dir.resolve("r.r4j");
        String[] common = {"import", "--format", "safetensors", st.toString(), "--vocab", vocab.toString(), "--out",
            out.toString()};
        assertEquals(0, Cli.run(common).code());
        assertEquals("rnn", ModelFile.load(out).model().kind());
        assertEquals(0, Cli.run(concat(common, "--nonlinearity", "tanh")).code());
        assertEquals("rnn-tanh", ModelFile.load(out).model().kind());
        Cli.run(concat(common, "--nonlinearity", "sigmoid")).assertFailure(2, "--nonlinearity: unknown 'sigmoid', "
                + "expected tanh or relu");
        Cli.run(concat(common, "--map", "encoder=x")).assertFailure(2, "--map: unknown module 'encoder', expected "
                + "embedding, rnn or decoder");
        Cli.run(concat(common, "--map", "rnn=lstm")).assertFailure(1, st + ": --map rnn=lstm: no tensor is named "
                + "lstm.weight_ih_l0");
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .toArray(String[]::new);
    }

    @Test
    void modelsPyTorchCannotRunAreRefusedInOneLineAndNothingIsWritten() throws IOException {
        Path st = dir.resolve("x.safetensors");
        Cli.run("export", "--format", "safetensors", "--model", checkpoint.toString(), "--out", st.toString())
                .assertFailure(1, "the layers have sizes [8, 6], and nn.LSTM gives every layer the same hidden_size");
        Path gf = dir.resolve("gf.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences.toString(), "--steps", "1", "--hidden", "4",
                "--model", "gf-gru", "--quiet", "--sample-every", "0", "--out", gf.toString()).code());
        Cli.run("export", "--format", "safetensors", "--model", gf.toString(), "--out", st.toString())
                .assertFailure(1, "a model of kind gf-gru cannot go to PyTorch: torch.nn has no gated-feedback module");
        Path gru = dir.resolve("classic.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences.toString(), "--steps", "1", "--hidden", "4",
                "--model", "gru", "--quiet", "--sample-every", "0", "--out", gru.toString()).code());
        Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", st.toString())
                .assertFailure(1, "a model of kind gru cannot go to PyTorch: it applies the reset gate before the "
                        + "recurrent product, and nn.GRU applies it after; train with --model gru-reset-after");
        assertFalse(Files.exists(st) || Files.exists(dir.resolve("vocab.json")));
    }

    @Test
    void noCommandWritesOverItsInputs() throws IOException {
        Path gru = gru();
        Path st = dir.resolve("m.safetensors");
        Path vocab = dir.resolve("vocab.json");
        assertEquals(0, Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", st.toString())
                .code());
        byte[] model = Files.readAllBytes(gru);
        byte[] tensors = Files.readAllBytes(st);
        Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", gru.toString())
                .assertFailure(2, "--out " + gru + ": is the same file as --model " + gru);
        Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", st.toString(), "--vocab",
                gru.toString()).assertFailure(2, "--vocab " + gru + ": is the same file as --model " + gru);
        Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", st.toString(), "--vocab",
                dir.resolve(".").resolve("m.safetensors").toString()).assertFailure(2, "is the --out file");
        Path beside = dir.resolve("vocab-out/vocab.json");
        Files.createDirectories(beside.getParent());
        Cli.run("export", "--format", "safetensors", "--model", gru.toString(), "--out", beside.toString())
                .assertFailure(2, "--vocab " + beside + ": is the --out file");
        assertFalse(Files.exists(beside), "neither file existed, and neither was written");
        Cli.run("import", "--format", "safetensors", st.toString(), "--vocab", vocab.toString(), "--out", st.toString())
                .assertFailure(2, "--out " + st + ": is the same file as the input " + st);
        Cli.run("import", "--format", "safetensors", st.toString(), "--vocab", vocab.toString(), "--out",
                vocab.toString()).assertFailure(2, "--out " + vocab + ": is the same file as --vocab " + vocab);
        Cli.run("import", "--format", "safetensors", st.toString(), "--out", dir.resolve("i.r4j").toString())
                .assertFailure(2, "--vocab: required with --format safetensors");
        Cli.run("import", st.toString(), "--vocab", vocab.toString(), "--out", dir.resolve("i.r4j").toString())
                .assertFailure(2, "--vocab: only with --format safetensors");
        Cli.run("export", "--model", gru.toString(), "--map", "rnn=x", "--out", dir.resolve("x.json").toString())
                .assertFailure(2, "--map: only with --format safetensors");
        assertArrayEquals(model, Files.readAllBytes(gru));
        assertArrayEquals(tensors, Files.readAllBytes(st));
        assertFalse(Files.exists(dir.resolve("i.r4j")) || Files.exists(dir.resolve("x.json")));
    }

    @Test
    void aBadSafetensorsFileIsOneLine() throws IOException {
        Path vocab = Files.writeString(dir.resolve("v.json"), "[\"a\", \"b\"]");
        Path bad = Files.write(dir.resolve("bad.safetensors"), new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 'x'});
        Path out = dir.resolve("i.r4j");
        Cli.run("import", "--format", "safetensors", bad.toString(), "--vocab", vocab.toString(), "--out",
                out.toString()).assertFailure(1, bad + ": not a safetensors file: its header does not start with '{'");
        Cli.run("import", "--format", "safetensors", dir.resolve("absent.safetensors").toString(), "--vocab",
                vocab.toString(), "--out", out.toString()).assertFailure(1, "no such model file");
        Cli.run("import", "--format", "safetensors", bad.toString(), "--vocab", dir.resolve("none.json").toString(),
                "--out", out.toString()).assertFailure(1, "none.json");
        assertFalse(Files.exists(out));
    }

    @Test
    void helpListsTheOptions() {
        String export = Cli.run("export", "--help").out();
        for (String flag : List.of("--model", "--format", "--out", "--vocab", "--map")) assertTrue(export.contains(flag), flag);
        String imp = Cli.run("import", "--help").out();
        for (String flag : List.of("FILE", "--format", "--out", "--vocab", "--map", "--nonlinearity")) {
            assertTrue(imp.contains(flag), flag);
        }
        assertTrue(Cli.run("--help").out().contains("export") && Cli.run("--help").out().contains("import"));
    }
}
