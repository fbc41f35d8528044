package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recurrent4j.io.SafetensorsFile.Tensor;
import org.recurrent4j.io.TorchFixtures.Config;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.Rnn;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * PyTorch character models in safetensors, without PyTorch: files built in Java in torch.nn's layout import to
 * models whose per-character log-probabilities equal the modules' documented equations in double precision within
 * 1e-4 ({@link TorchFixtures}); an export imports back bit for bit; the tensors are found under any module names;
 * and every malformed file, misfit vocabulary or foreign architecture is refused in one line naming the file.
 */
class SafetensorsTest {
    private static final Vocabulary NINE = Vocabulary.withoutStartEnd(List.of("a", "b", "c", " ", "\n", "é", "x",
            "y", "z"));
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    static Stream<Arguments> architectures() {
        List<Arguments> out = new ArrayList<>();
        for (int gates : new int[] {4, 3, 1, 0}) {
            for (int layers = 1; layers <= 2; layers++) {
                for (boolean bias : new boolean[] {true, false}) out.add(Arguments.of(gates, layers, bias));
            }
        }
        return out.stream();
    }

    /** gates 0 stands for the ReLU nn.RNN. */
    @ParameterizedTest(name = "gates {0}, {1} layers, bias {2}")
    @MethodSource("architectures")
    void anImportComputesWhatTorchNnDocuments(int gates, int layers, boolean bias) throws IOException {
        Config c = new Config(Math.max(gates, 1), gates == 0, layers, 7, 5, 9, bias, "embed", "rnn", "fc");
        List<Tensor> dict = TorchFixtures.stateDict(c, 31 + gates * 4 + layers * 2 + (bias ? 1 : 0));
        SavedModel saved = Safetensors.decode(SafetensorsFile.encode(dict, Map.of()), "m.safetensors", NINE, "v.json",
                ModuleNames.FIND, gates == 0 ? Rnn.Activation.RELU : null);
        String kind = switch (gates) {
            case 4 -> "lstm";
            case 3 -> "gru-reset-after";
            case 1 -> "rnn-tanh";
            default -> "rnn";
        };
        assertEquals(kind, saved.model().kind());
        assertEquals(List.of(7, 7).subList(0, layers), saved.model().hiddenSizes());
        assertEquals(Map.of("imported-from", "m.safetensors", "format", "safetensors"), saved.training());
        int[] text = new SplittableRandom(5).ints(300, 0, 9).toArray();
        assertClose(TorchFixtures.logProbs(c, dict, text), TorchFixtures.logProbs(saved.model(), text));
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], actual[t], TOLERANCE, "log-probability of character " + (t + 1));
        }
    }

    @Test
    void halfPrecisionIsReadAsFloat32() throws IOException {
        Config c = TorchFixtures.lstm();
        List<Tensor> dict = TorchFixtures.stateDict(c, 3);
        CharModel f16 = decode(TorchFixtures.file(dict, "F16", Map.of()), NINE).model();
        CharModel bf16 = decode(TorchFixtures.file(dict, "BF16", Map.of()), NINE).model();
        // multiples of 2^-10 below 1 are exact in F16; BF16 keeps the top 16 bits of each float
        assertArrayEquals(TorchFixtures.find(dict, "embed.weight").values(), values(f16, "Wil"));
        float[] truncated = TorchFixtures.find(dict, "fc.weight").values().clone();
        for (int i = 0; i < truncated.length; i++) {
            truncated[i] = Float.intBitsToFloat(Float.floatToIntBits(truncated[i]) & 0xFFFF0000);
        }
        assertArrayEquals(truncated, values(bf16, "Whd"));
        int[] text = new SplittableRandom(2).ints(200, 0, 9).toArray();
        assertClose(TorchFixtures.logProbs(c, dict, text), TorchFixtures.logProbs(f16, text));
    }

    @Test
    void anLstmsGateBlocksAndSummedBiasesLandOnTheEnginesNames() throws IOException {
        Config c = TorchFixtures.lstm();
        List<Tensor> dict = TorchFixtures.stateDict(c, 4);
        CharModel m = decode(SafetensorsFile.encode(dict, Map.of()), NINE).model();
        float[] ih = TorchFixtures.find(dict, "rnn.weight_ih_l1").values();
        int block = c.hidden() * c.hidden();
        // PyTorch's blocks are i, f, g, o; g is the engine's cell write c
        assertArrayEquals(Arrays.copyOfRange(ih, 2 * block, 3 * block), values(m, "Wcx1"));
        assertArrayEquals(Arrays.copyOfRange(ih, 3 * block, 4 * block), values(m, "Wox1"));
        float[] bih = TorchFixtures.find(dict, "rnn.bias_ih_l0").values();
        float[] bhh = TorchFixtures.find(dict, "rnn.bias_hh_l0").values();
        assertEquals(bih[3 * 6 + 2] + bhh[3 * 6 + 2], values(m, "bo0")[2]);
    }

    @Test
    void theGruKeepsTheCandidatesRecurrentBiasApart() throws IOException {
        Config c = new Config(3, false, 1, 4, 5, 9, true, "e", "gru", "d");
        List<Tensor> dict = TorchFixtures.stateDict(c, 8);
        CharModel m = decode(SafetensorsFile.encode(dict, Map.of()), NINE).model();
        float[] bih = TorchFixtures.find(dict, "gru.bias_ih_l0").values();
        float[] bhh = TorchFixtures.find(dict, "gru.bias_hh_l0").values();
        assertArrayEquals(Arrays.copyOfRange(bih, 8, 12), values(m, "bn0"));
        assertArrayEquals(Arrays.copyOfRange(bhh, 8, 12), values(m, "bnh0"));
        assertEquals(bih[5] + bhh[5], values(m, "bz0")[1]);
    }

    @Test
    void anExportImportsBackBitForBitForEveryKindPyTorchHas() throws IOException {
        Vocabulary withStart = Vocabulary.fromText("the cat sat");
        for (ModelKind kind : List.of(ModelKind.RNN, ModelKind.RNN_TANH, ModelKind.LSTM, ModelKind.GRU_RESET_AFTER)) {
            for (Vocabulary v : List.of(withStart, NINE)) {
                CharModel m = CharModel.create(v, kind, List.of(6, 6), 4, Init.gaussian(0.5f), new SplittableRandom(2));
                for (Parameter p : m.parameters()) if (p.name().startsWith("b")) Init.gaussian(0.5f).fill(p.mat(), new SplittableRandom(3));
                Path file = dir.resolve(kind + ".safetensors");
                Path vocab = dir.resolve(kind + ".json");
                Safetensors.write(file, vocab, m, ModuleNames.EXPORT);
                CharModel back = Safetensors.read(file, vocab, ModuleNames.FIND, null).model();
                assertEquals(kind.id(), back.kind(), "the metadata names a ReLU RNN");
                assertEquals(v, back.vocabulary());
                for (int i = 0; i < m.parameters().size(); i++) {
                    Parameter p = m.parameters().get(i);
                    assertEquals(p.name(), back.parameters().get(i).name());
                    assertArrayEquals(values(p.mat()), values(back.parameters().get(i).mat()), kind + " " + p.name());
                }
            }
        }
    }

    @Test
    void anExportHasTorchNnsNamesShapesAndTheVocabularyBesideIt() throws IOException {
        CharModel m = CharModel.create(Vocabulary.fromText("abc"), ModelKind.GRU_RESET_AFTER, List.of(5, 5), 3,
                Init.DEFAULT, new SplittableRandom(1));
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, Safetensors.vocabularyBeside(file), m, ModuleNames.EXPORT.with("rnn", "model.gru"));
        SafetensorsFile.Contents c = SafetensorsFile.decode(Files.readAllBytes(file), "m");
        List<String> shapes = c.tensors().values().stream().map(t -> t.name() + " " + t.shapeText()).toList();
        assertEquals(List.of("embedding.weight [4, 3]", "model.gru.weight_ih_l0 [15, 3]", "model.gru.weight_hh_l0 [15, 5]",
                "model.gru.bias_ih_l0 [15]", "model.gru.bias_hh_l0 [15]", "model.gru.weight_ih_l1 [15, 5]",
                "model.gru.weight_hh_l1 [15, 5]", "model.gru.bias_ih_l1 [15]", "model.gru.bias_hh_l1 [15]",
                "decoder.weight [4, 5]", "decoder.bias [4]"), shapes);
        assertEquals("gru-reset-after", c.metadata().get("recurrent4j.kind"));
        assertEquals("embedding=nn.Embedding(4, 3); model.gru=nn.GRU(3, 5, num_layers=2); decoder=nn.Linear(5, 4)",
                c.metadata().get("modules"));
        assertEquals("[\"\",\"a\",\"b\",\"c\"]\n", Files.readString(dir.resolve("vocab.json")));
        byte[] bytes = Files.readAllBytes(file);
        long header = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, header % 8, "the header is padded to 8 bytes, as the format's writer does");
    }

    @Test
    void kindsPyTorchLacksAreRefusedAndNothingIsWritten() {
        Vocabulary v = Vocabulary.fromText("abc");
        Map<ModelKind, String> reasons = Map.of(ModelKind.GRU, "applies the reset gate before the recurrent product",
                ModelKind.GF_LSTM, "torch.nn has no gated-feedback module", ModelKind.GF_RNN_SCALAR, "gated-feedback");
        for (var e : reasons.entrySet()) {
            CharModel m = CharModel.create(v, e.getKey(), List.of(4), 3, Init.DEFAULT, new SplittableRandom(1));
            var x = assertThrows(IllegalArgumentException.class,
                    () -> Safetensors.write(dir.resolve("x.safetensors"), dir.resolve("v.json"), m, ModuleNames.EXPORT));
            assertTrue(x.getMessage().contains(e.getValue()), x.getMessage());
        }
        CharModel uneven = CharModel.create(v, ModelKind.LSTM, List.of(4, 3), 3, Init.DEFAULT, new SplittableRandom(1));
        var x = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(dir.resolve("x.safetensors"), dir.resolve("v.json"), uneven, ModuleNames.EXPORT));
        assertTrue(x.getMessage().contains("[4, 3]") && x.getMessage().contains("same hidden_size"), x.getMessage());
        CharModel lstm = CharModel.create(v, ModelKind.LSTM, List.of(4), 3, Init.DEFAULT, new SplittableRandom(1));
        x = assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x.safetensors"),
                dir.resolve("v.json"), lstm, ModuleNames.EXPORT.with("decoder", "embedding")));
        assertTrue(x.getMessage().contains("embedding.weight"), x.getMessage());
        assertFalse(Files.exists(dir.resolve("x.safetensors")) || Files.exists(dir.resolve("v.json")));
    }

    @Test
    void modulesAreFoundUnderAnyNames() throws IOException {
        for (String[] names : new String[][] {{"model.encoder", "model.lstm", "model.head"}, {"emb", "", "out"},
            {"embedding", "rnn", "decoder"}}) {
            Config c = TorchFixtures.lstm().named(names[0], names[1], names[2]);
            List<Tensor> dict = TorchFixtures.stateDict(c, 6);
            CharModel m = decode(SafetensorsFile.encode(dict, Map.of()), NINE).model();
            assertArrayEquals(TorchFixtures.find(dict, names[2] + ".weight").values(), values(m, "Whd"));
            assertArrayEquals(TorchFixtures.find(dict, names[0] + ".weight").values(), values(m, "Wil"));
        }
    }

    @Test
    void anEmbeddingAsWideAsTheHiddenStateIsToldFromTheDecoderByItsBiasOrByMap() throws IOException {
        Config c = new Config(1, false, 1, 5, 5, 9, true, "a", "rnn", "b");
        List<Tensor> dict = TorchFixtures.stateDict(c, 7);
        CharModel m = decode(SafetensorsFile.encode(dict, Map.of()), NINE).model();
        assertArrayEquals(TorchFixtures.find(dict, "b.weight").values(), values(m, "Whd"));
        List<Tensor> noBias = dict.stream().filter(t -> !t.name().equals("b.bias")).toList();
        byte[] file = SafetensorsFile.encode(noBias, Map.of());
        assertRefused(file, NINE, ModuleNames.FIND, "a.weight and b.weight could each be the embedding; name its "
                + "module with --map embedding=NAME");
        CharModel mapped = Safetensors.decode(file, "m.safetensors", NINE, "v", ModuleNames.FIND.with("embedding", "a"),
                null).model();
        assertArrayEquals(TorchFixtures.find(dict, "b.weight").values(), values(mapped, "Whd"));
        assertArrayEquals(new float[9], values(mapped, "bd"), "a Linear without bias decodes with zero bias");
        assertRefused(file, NINE, ModuleNames.FIND.with("embedding", "c"), "--map embedding=c: the file has no tensor c.weight");
    }

    @Test
    void twoRecurrentModulesNeedMapAndAnUnknownNameIsSaid() {
        List<Tensor> dict = new ArrayList<>(TorchFixtures.stateDict(TorchFixtures.lstm(), 9));
        for (Tensor t : List.copyOf(dict)) {
            if (t.name().startsWith("rnn.")) dict.add(new Tensor("rnn2." + t.name().substring(4), t.shape(), t.values()));
        }
        byte[] file = SafetensorsFile.encode(dict, Map.of());
        assertRefused(file, NINE, ModuleNames.FIND, "the tensors of 2 recurrent modules (rnn, rnn2) are here; name the "
                + "one to import with --map rnn=NAME");
        assertRefused(file, NINE, ModuleNames.FIND.with("rnn", "lstm"), "--map rnn=lstm: no tensor is named "
                + "lstm.weight_ih_l0 or alike; the recurrent modules here are rnn, rnn2");
        assertRefused(file, NINE, ModuleNames.FIND.with("rnn", "rnn2"), "tensor \"rnn.weight_ih_l0\" has no place");
    }

    @Test
    void misfitModelsAreRefusedInOneLine() {
        Config c = TorchFixtures.lstm();
        List<Tensor> dict = TorchFixtures.stateDict(c, 10);
        assertRefused(edit(dict, "rnn.weight_hh_l1", new Tensor("rnn.weight_hh_l1", new long[] {24, 5}, new float[120])),
                NINE, ModuleNames.FIND, "shape mismatch: rnn.weight_hh_l1 is [24, 5], the model the other tensors "
                        + "describe needs [24, 6]");
        assertRefused(SafetensorsFile.encode(dict, Map.of()), Vocabulary.withoutStartEnd(List.of("a", "b")),
                ModuleNames.FIND, "the vocabulary v gives 2 rows, but embed.weight is [9, 5]; give the vocabulary the "
                        + "model was trained with");
        assertRefused(SafetensorsFile.encode(dict, Map.of()), Vocabulary.fromText("abcdefghi"), ModuleNames.FIND,
                "gives 10 rows, but embed.weight is [9, 5]");
        List<Tensor> extra = new ArrayList<>(dict);
        extra.add(new Tensor("norm.weight", new long[] {6}, new float[6]));
        assertRefused(SafetensorsFile.encode(extra, Map.of()), NINE, ModuleNames.FIND,
                "tensor \"norm.weight\" has no place in an Embedding → LSTM → Linear character model");
        assertRefused(edit(dict, "rnn.bias_hh_l1", null), NINE, ModuleNames.FIND,
                "rnn.bias_hh_l1 is missing while other biases are there");
        assertRefused(edit(dict, "rnn.weight_hh_l1", null), NINE, ModuleNames.FIND, "rnn.weight_hh_l1 is missing");
        List<Tensor> reverse = new ArrayList<>(dict);
        reverse.add(new Tensor("rnn.weight_ih_l0_reverse", new long[] {24, 5}, new float[120]));
        assertRefused(SafetensorsFile.encode(reverse, Map.of()), NINE, ModuleNames.FIND, "bidirectional");
        List<Tensor> proj = new ArrayList<>(dict);
        proj.add(new Tensor("rnn.weight_hr_l0", new long[] {3, 6}, new float[18]));
        assertRefused(SafetensorsFile.encode(proj, Map.of()), NINE, ModuleNames.FIND, "projection (proj_size)");
        assertRefused(edit(dict, "rnn.weight_hh_l0", new Tensor("rnn.weight_hh_l0", new long[] {12, 6}, new float[72])),
                NINE, ModuleNames.FIND, "rnn.weight_hh_l0 is [12, 6], not the recurrent weights of an nn.LSTM");
        assertRefused(edit(dict, "embed.weight", null), NINE, ModuleNames.FIND, "no embedding: no tensor named weight "
                + "or *.weight has the shape of an nn.Embedding(V, 5)");
        assertRefused(SafetensorsFile.encode(List.of(dict.getFirst()), Map.of()), NINE, ModuleNames.FIND,
                "no recurrent module");
        var x = assertThrows(IllegalArgumentException.class, () -> Safetensors.decode(SafetensorsFile.encode(dict,
                Map.of()), "m", NINE, "v", ModuleNames.FIND, Rnn.Activation.RELU));
        assertTrue(x.getMessage().contains("the non-linearity is for an nn.RNN, and m holds an nn.LSTM"), x.getMessage());
    }

    static Stream<Arguments> badFiles() {
        byte[] f = SafetensorsFile.encode(List.of(new Tensor("x", new long[] {3}, new float[] {1, 2, 3})), Map.of());
        String x = "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}";
        byte[] twelve = new byte[12];
        byte[] huge = f.clone();
        huge[3] = 0x10; // a header length of 256 MB
        byte[] nan = TorchFixtures.raw(x, java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(Float.NaN).putFloat(0).array());
        return Stream.of(
                Arguments.of(Arrays.copyOf(f, 5), "not a safetensors file: 5 bytes, fewer than the 8"),
                Arguments.of(huge, "its header would be 268435" ),
                Arguments.of(Arrays.copyOf(f, 30), "truncated or not a safetensors file: the header needs"),
                Arguments.of(TorchFixtures.raw("[1, 2]", new byte[0]), "its header does not start with '{'"),
                Arguments.of(TorchFixtures.raw("{\"x\": ", new byte[0]), "its header is not the format's JSON"),
                Arguments.of(TorchFixtures.raw(x.replace("}}", "},\"x\":{}}"), twelve), "the header lists \"x\" twice"),
                Arguments.of(TorchFixtures.raw(x.replace("F32", "F64"), twelve), "tensor \"x\" has dtype \"F64\"; "
                        + "only F32, F16 and BF16 are read"),
                Arguments.of(TorchFixtures.raw(x.replace("F32", "I64"), twelve), "tensor \"x\" has dtype \"I64\""),
                Arguments.of(TorchFixtures.raw(x.replace("[0,12]", "[4,16]"), twelve), "tensor \"x\": data_offsets "
                        + "[4, 16] lie outside the file's 12 bytes of data"),
                Arguments.of(TorchFixtures.raw(x.replace("[0,12]", "[0,8]"), twelve), "tensor \"x\" holds 8 bytes, "
                        + "but shape [3] of F32 needs 12"),
                Arguments.of(TorchFixtures.raw(x.replace("[0,12]", "[12,0]"), twelve), "is not [begin, end]"),
                Arguments.of(TorchFixtures.raw(x.replace("}}", "},\"y\":{\"dtype\":\"F32\",\"shape\":[2],"
                        + "\"data_offsets\":[4,12]}}"), twelve), "tensors \"x\" and \"y\" overlap"),
                Arguments.of(TorchFixtures.raw(x.replace("[3]", "[-3]"), twelve), "shape holds the negative -3"),
                Arguments.of(TorchFixtures.raw(x.replace("[3]", "[3.5]"), twelve), "holds 3.5, not an integer"),
                Arguments.of(TorchFixtures.raw(x.replace("\"shape\"", "\"strides\""), twelve), "unknown key \"strides\""),
                Arguments.of(TorchFixtures.raw(x.replace(",\"shape\":[3]", ""), twelve), "needs dtype, shape and "
                        + "data_offsets"),
                Arguments.of(TorchFixtures.raw("{\"__metadata__\":{\"a\":1}}", new byte[0]), "__metadata__.\"a\" is "
                        + "not a string"),
                Arguments.of(TorchFixtures.raw(x + " {}", twelve), "is not the format's JSON (malformed JSON at line 1 column 58)"),
                Arguments.of(nan, "tensor \"x\" holds NaN at element 1; a model's weights must be finite"),
                Arguments.of(TorchFixtures.raw(x.replace("F32", "F16").replace("[0,12]", "[0,6]"),
                        new byte[] {0, 0, 0, 0x7C, 0, 0}), "tensor \"x\" holds Infinity at element 1"),
                Arguments.of(TorchFixtures.raw(x.replace("[3]", "[4294967296,4294967296]"), twelve),
                        "needs more than the file has"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void aMalformedFileIsRefusedInOneLineNamingIt(byte[] file, String message) {
        var e = assertThrows(ModelFileException.class, () -> SafetensorsFile.decode(file, "bad.safetensors"));
        assertTrue(e.getMessage().startsWith("bad.safetensors: ") && e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void metadataIsReadAndTheHeaderMayBePadded() throws IOException {
        byte[] f = TorchFixtures.raw("{\"__metadata__\":{\"format\":\"pt\"},\"x\":{\"dtype\":\"BF16\",\"shape\":[1,2],"
                + "\"data_offsets\":[0,4]}}    ", new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0});
        SafetensorsFile.Contents c = SafetensorsFile.decode(f, "m");
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertArrayEquals(new float[] {1f, -2f}, c.tensors().get("x").values());
        assertArrayEquals(new long[] {1, 2}, c.tensors().get("x").shape());
    }

    @Test
    void vocabularyFilesAreJsonArraysOrOneCharacterPerLine() throws IOException {
        assertEquals(List.of("a", "\n", "b", " "), vocabulary("v.txt", "a\n\nb\n \n").characters());
        assertFalse(vocabulary("v.txt", "a\nb").hasStartEnd());
        Vocabulary json = vocabulary("v.json", "[\"a\", \"\\n\", \"😀\"]");
        assertEquals(List.of("a", "\n", "😀"), json.characters());
        assertFalse(json.hasStartEnd());
        Vocabulary marked = vocabulary("m.json", "[\"\", \"a\"]");
        assertTrue(marked.hasStartEnd() && marked.size() == 2);
        assertEquals(marked, vocabulary("again.json", new String(VocabularyFile.encode(marked), "UTF-8")));
        assertBadVocabulary("c.txt", "a\r\nb\r\n", "line 1 holds 2 characters \"a\\u000d\", not one (the file has "
                + "CRLF line ends");
        assertBadVocabulary("d.txt", "a\nbc\n", "line 2 holds 2 characters");
        assertBadVocabulary("e.txt", "", "is empty");
        assertBadVocabulary("f.json", "[\"a\", \"\"]", "entry 2 is \"\", not one character (only the first entry");
        assertBadVocabulary("g.json", "[\"a\", \"a\"]", "character 'a' (U+0061) is listed twice");
        assertBadVocabulary("h.json", "{\"a\": 1}", "is not a JSON array of characters");
        assertBadVocabulary("i.json", "[\"a\", 3]", "entry 2 is not a string");
        assertBadVocabulary("j.json", "[\"a\"", "not valid JSON");
        assertBadVocabulary("k.json", "[\"\"]", "lists no characters");
    }

    private Vocabulary vocabulary(String name, String text) throws IOException {
        return VocabularyFile.read(Files.writeString(dir.resolve(name), text));
    }

    private void assertBadVocabulary(String name, String text, String message) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        var e = assertThrows(ModelFileException.class, () -> VocabularyFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(message), e.getMessage());
    }

    private static byte[] edit(List<Tensor> dict, String name, Tensor replacement) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : dict) {
            if (!t.name().equals(name)) out.add(t);
            else if (replacement != null) out.add(replacement);
        }
        return SafetensorsFile.encode(out, Map.of());
    }

    private static void assertRefused(byte[] file, Vocabulary v, ModuleNames names, String message) {
        var e = assertThrows(ModelFileException.class, () -> Safetensors.decode(file, "m.safetensors", v, "v", names, null));
        assertTrue(e.getMessage().startsWith("m.safetensors: ") && e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static SavedModel decode(byte[] file, Vocabulary v) throws ModelFileException {
        return Safetensors.decode(file, "m.safetensors", v, "v", ModuleNames.FIND, null);
    }

    private static float[] values(CharModel m, String name) {
        return values(m.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().mat());
    }

    private static float[] values(Mat m) {
        return Arrays.copyOfRange(m.w, m.offset, m.offset + m.size());
    }
}
