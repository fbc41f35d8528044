package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Adam;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Evaluator;
import org.recurrent4j.train.Trainer;

class RecurrentJsTest {
    @TempDir
    Path dir;

    private SavedModel trained(ModelKind kind, boolean rmsprop) {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(kind, 4), rmsprop ? new RmsProp() : new Adam(), 1);
        t.train(3, m -> {});
        return new SavedModel(t.model(), Map.of("lr", "0.01"), 3, t.optimizer().state());
    }

    private JsonObject export(SavedModel saved, String name) throws IOException {
        Path file = dir.resolve(name);
        RecurrentJs.write(file, saved);
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void anLstmIsWrittenAsRecurrentJsWritesIt() throws IOException {
        SavedModel saved = trained(ModelKind.LSTM, true);
        JsonObject o = export(saved, "lstm.json");
        assertEquals(List.of("hidden_sizes", "generator", "letter_size", "model", "solver", "letterToIndex",
                "indexToLetter", "vocab"), new ArrayList<>(o.keySet()));
        assertEquals("[6,5]", o.get("hidden_sizes").toString());
        assertEquals("lstm", o.get("generator").getAsString());
        assertEquals(3, o.get("letter_size").getAsInt());
        JsonObject model = o.getAsJsonObject("model");
        assertEquals(List.of("Wil", "Wix0", "Wih0", "bi0", "Wfx0", "Wfh0", "bf0", "Wox0", "Woh0", "bo0", "Wcx0",
                "Wch0", "bc0"), new ArrayList<>(model.keySet()).subList(0, 13));
        assertEquals(List.of("Whd", "bd"), new ArrayList<>(model.keySet()).subList(25, 27));
        CharModel m = saved.model();
        for (Parameter p : m.parameters()) {
            JsonObject mat = model.getAsJsonObject(p.name());
            assertEquals(p.mat().rows, mat.get("n").getAsInt());
            assertEquals(p.mat().cols, mat.get("d").getAsInt());
            assertArrayEquals(values(p), floats(mat.getAsJsonArray("w")), p.name()); // row-major
        }
        JsonObject solver = o.getAsJsonObject("solver");
        assertEquals(0.999, solver.get("decay_rate").getAsDouble(), 0);
        assertEquals(1e-8, solver.get("smooth_eps").getAsDouble(), 0);
        JsonObject cache = solver.getAsJsonObject("step_cache");
        assertEquals(model.keySet(), cache.keySet());
        assertArrayEquals(saved.optimizer().buffers().get("Wix0"), floats(cache.getAsJsonObject("Wix0").getAsJsonArray("w")));
        List<String> vocab = m.vocabulary().characters();
        assertEquals(vocab.size(), o.getAsJsonArray("vocab").size());
        for (int i = 0; i < vocab.size(); i++) {
            assertEquals(vocab.get(i), o.getAsJsonArray("vocab").get(i).getAsString());
            assertEquals(i + 1, o.getAsJsonObject("letterToIndex").get(vocab.get(i)).getAsInt());
            assertEquals(vocab.get(i), o.getAsJsonObject("indexToLetter").get(Integer.toString(i + 1)).getAsString());
        }
    }

    @Test
    void anRnnHasRecurrentJsNamesAndOtherOptimizersGiveAZeroCache() throws IOException {
        SavedModel saved = trained(ModelKind.RNN, false);
        Path file = dir.resolve("rnn.json");
        assertFalse(RecurrentJs.write(file, saved), "adam: the cache is zeros");
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals("rnn", o.get("generator").getAsString());
        assertEquals(List.of("Wil", "Wxh0", "Whh0", "bhh0", "Wxh1", "Whh1", "bhh1", "Whd", "bd"),
                new ArrayList<>(o.getAsJsonObject("model").keySet()));
        for (float x : floats(o.getAsJsonObject("solver").getAsJsonObject("step_cache").getAsJsonObject("Whh0")
                .getAsJsonArray("w"))) {
            assertEquals(0f, x);
        }
    }

    @Test
    void everyKindRoundTripsBitForBitAndExportsTheSameText() throws IOException {
        for (ModelKind kind : ModelKind.values()) {
            SavedModel saved = trained(kind, true);
            Path first = dir.resolve(kind + ".json");
            RecurrentJs.write(first, saved);
            SavedModel back = RecurrentJs.read(first);
            assertEquals(kind.id(), back.model().kind());
            assertEquals(saved.model().hiddenSizes(), back.model().hiddenSizes());
            assertEquals(saved.model().vocabulary(), back.model().vocabulary());
            for (int i = 0; i < saved.model().parameters().size(); i++) {
                Parameter p = saved.model().parameters().get(i);
                assertArrayEquals(values(p), values(back.model().parameters().get(i)), kind + " " + p.name());
                assertArrayEquals(saved.optimizer().buffers().get(p.name()), back.optimizer().buffers().get(p.name()));
            }
            Path second = dir.resolve(kind + "-again.json");
            RecurrentJs.write(second, back);
            assertEquals(Files.readString(first), Files.readString(second), kind + ": import then export");
            assertEquals(Evaluator.sentences(saved.model(), TrainingFixtures.SENTENCES).nats(),
                    Evaluator.sentences(back.model(), TrainingFixtures.SENTENCES).nats(), kind + ": the same loss");
        }
    }

    /** A 1-layer RNN as RecurrentJS writes it: typed arrays as objects keyed by index, doubles, no solver. */
    static String recurrentJsFile() {
        return """
            {"hidden_sizes":[2],"generator":"rnn","letter_size":1,
             "model":{"Wil":{"n":3,"d":1,"w":{"0":0.012345678901234567,"2":-0.07,"1":1e-3}},
                      "Wxh0":{"n":2,"d":1,"w":{"0":0.5,"1":-0.25}},
                      "Whh0":{"n":2,"d":2,"w":[0.1,0.2,0.3,0.4]},
                      "bhh0":{"n":2,"d":1,"w":{"0":0,"1":0}},
                      "Whd":{"n":3,"d":2,"w":[1,2,3,4,5,6]},
                      "bd":{"n":3,"d":1,"w":[0.07,0.08,0.09]}},
             "letterToIndex":{"a":1,"b":2},"indexToLetter":{"1":"a","2":"b"},"vocab":["a","b"]}
            """;
    }

    @Test
    void aRecurrentJsFileWithTypedArraysAndWithoutSolverIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("old.json"), recurrentJsFile());
        SavedModel s = RecurrentJs.read(file);
        assertNull(s.optimizer(), "no solver: no optimizer state");
        CharModel m = s.model();
        assertEquals("rnn", m.kind());
        assertEquals(List.of("a", "b"), m.vocabulary().characters());
        assertArrayEquals(new float[] {Float.parseFloat("0.012345678901234567"), 1e-3f, -0.07f}, values(m.parameters().get(0)));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, values(m.parameters().get(2)));
        assertEquals("recurrentjs", s.training().get("format"));
        // an empty step cache, as RecurrentJS saves before its first step
        String withSolver = recurrentJsFile().replace("\"letterToIndex\"",
                "\"solver\":{\"decay_rate\":0.95,\"smooth_eps\":1e-6,\"step_cache\":{}},\"letterToIndex\"");
        SavedModel solver = RecurrentJs.read(Files.writeString(dir.resolve("solver.json"), withSolver));
        assertEquals("rmsprop", solver.optimizer().kind());
        assertTrue(solver.optimizer().buffers().isEmpty());
        Path again = dir.resolve("again.json");
        RecurrentJs.write(again, solver);
        JsonObject o = JsonParser.parseString(Files.readString(again)).getAsJsonObject().getAsJsonObject("solver");
        assertEquals(0.95, o.get("decay_rate").getAsDouble(), 0, "the solver's settings come back");
        assertEquals(1e-6, o.get("smooth_eps").getAsDouble(), 0);
    }

    @Test
    void badFilesAreRefusedWithWhatIsWrong() throws IOException {
        String good = recurrentJsFile();
        assertRefused(good.replace("\"letter_size\":1,", ""), "the key 'letter_size' is missing");
        assertRefused(good.replace("\"vocab\":[\"a\",\"b\"]", "\"x\":1"), "the key 'vocab' is missing");
        assertRefused(good.replace("\"n\":2,\"d\":2,\"w\":[0.1,0.2,0.3,0.4]", "\"n\":2,\"d\":2,\"w\":[0.1,0.2,0.3]"),
                "model.Whh0.w holds 3 values, but n × d = 4");
        assertRefused(good.replace("\"n\":2,\"d\":2,\"w\":[0.1,0.2,0.3,0.4]", "\"n\":1,\"d\":4,\"w\":[0.1,0.2,0.3,0.4]"),
                "model.Whh0 is 1x4, a rnn [2] with letter size 1 needs 2x2");
        assertRefused(good.replace("[0.1,0.2,0.3,0.4]", "[0.1,NaN,0.3,0.4]"), "model.Whh0.w[1] is NaN");
        assertRefused(good.replace("[0.1,0.2,0.3,0.4]", "[0.1,0.2,null,0.4]"), "model.Whh0.w[2] is null");
        assertRefused(good.replace("[0.1,0.2,0.3,0.4]", "[0.1,0.2,0.3,1e39]"), "model.Whh0.w[3] is 1e39, beyond the range");
        assertRefused(good.replace("\"1\":1e-3", "\"x\":1e-3"), "model.Wil.w has the key \"x\"");
        assertRefused(good.replace(",\"b\":2},\"indexToLetter\":{\"1\":\"a\",\"2\":\"b\"},\"vocab\":[\"a\",\"b\"]",
                        ",\"b\":2,\"c\":3},\"indexToLetter\":{\"1\":\"a\",\"2\":\"b\",\"3\":\"c\"},\"vocab\":[\"a\",\"b\",\"c\"]"),
                "the vocabulary has 3 characters (4 rows with START/END), but model.Wil has 3 rows");
        assertRefused(good.replace("\"letterToIndex\":{\"a\":1,\"b\":2}", "\"letterToIndex\":{\"a\":2,\"b\":1}"),
                "letterToIndex[\"a\"] is 2, but vocab has that character at index 1");
        assertRefused(good.replace("\"generator\":\"rnn\"", "\"generator\":\"transformer\""),
                "generator: unknown model kind 'transformer'");
        assertRefused(good.replace("\"Wxh0\"", "\"Wxh9\""), "model.Wxh9 is not a parameter of a rnn [2]");
        assertRefused(good.replace("\"hidden_sizes\":[2]", "\"hidden_sizes\":[2,2]"), "model.Wxh1 is missing");
        assertRefused(good.replace("\"hidden_sizes\":[2]", "\"hidden_sizes\":[20000]"), "model.Wxh0 is 2x1, a rnn [20000]");
        assertRefused(good.substring(0, good.length() / 2), "not valid JSON");
        assertRefused(good + "{}", "more JSON follows");
        assertRefused("[1, 2]", "not a RecurrentJS JSON model (the top level is not a JSON object)");
        assertRefused("", "is empty");
        Path binary = Files.write(dir.resolve("bin.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        var e = assertThrows(ModelFileException.class, () -> RecurrentJs.read(binary));
        assertTrue(e.getMessage().contains("is not UTF-8 text"), e.getMessage());
    }

    private void assertRefused(String json, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        var e = assertThrows(ModelFileException.class, () -> RecurrentJs.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), "'" + message + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private static float[] values(Parameter p) {
        var m = p.mat();
        return java.util.Arrays.copyOfRange(m.w, m.offset, m.offset + m.size());
    }

    private static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = Float.parseFloat(a.get(i).getAsString());
        return out;
    }

    @Test
    void theJsonTextIsUtf8WithoutEscapedHtml() throws IOException {
        SavedModel saved = trained(ModelKind.GRU, true);
        Path file = dir.resolve("g.json");
        RecurrentJs.write(file, saved);
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertFalse(text.contains("\\u003"), "no HTML escaping");
    }
}
