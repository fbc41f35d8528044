package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

class ModelFileTest {
    @TempDir
    Path dir;

    private final Vocabulary vocabulary = Vocabulary.fromText("héllo wörld\t\"quoted\" 𝄞");

    private CharModel model(ModelKind kind) {
        return CharModel.create(vocabulary, kind, List.of(7, 5), 3, Init.gaussian(0.5f), new SplittableRandom(9));
    }

    @Test
    void everyKindRoundTripsExactly() throws IOException {
        for (ModelKind kind : ModelKind.values()) {
            CharModel m = model(kind);
            Path file = dir.resolve(kind.id() + ModelFile.EXTENSION);
            ModelFile.save(file, m, Map.of("lr", "0.01", "mode", "sentences"), 1234);
            SavedModel loaded = ModelFile.load(file);
            CharModel l = loaded.model();
            assertEquals(kind.id(), l.kind());
            assertEquals(m.hiddenSizes(), l.hiddenSizes());
            assertEquals(3, l.letterSize());
            assertEquals(vocabulary, l.vocabulary());
            assertEquals(1234, loaded.step());
            assertEquals(Map.of("lr", "0.01", "mode", "sentences"), loaded.training());
            assertEquals(m.parameters().size(), l.parameters().size());
            for (int i = 0; i < m.parameters().size(); i++) {
                Parameter a = m.parameters().get(i);
                Parameter b = l.parameters().get(i);
                assertEquals(a.name(), b.name());
                assertArrayEquals(values(a.mat()), values(b.mat()), a.name());
            }
        }
    }

    @Test
    void aVocabularyWithoutStartEndRoundTripsAndOtherModelsKeepTheirHeader() throws IOException {
        Vocabulary plain = Vocabulary.withoutStartEnd(vocabulary.characters());
        CharModel m = CharModel.create(plain, ModelKind.GRU_RESET_AFTER, List.of(6), 3, Init.gaussian(0.5f),
                new SplittableRandom(4));
        assertEquals(vocabulary.size() - 1, m.embedding().rows);
        Path file = dir.resolve("plain.r4j");
        ModelFile.save(file, m, Map.of(), 0);
        CharModel l = ModelFile.load(file).model();
        assertEquals(plain, l.vocabulary());
        assertTrue(!l.vocabulary().hasStartEnd() && !l.vocabulary().equals(vocabulary));
        for (int i = 0; i < m.parameters().size(); i++) {
            assertArrayEquals(values(m.parameters().get(i).mat()), values(l.parameters().get(i).mat()));
        }
        assertEquals(false, header(Files.readAllBytes(file)).get("startEnd").getAsBoolean());
        // A model with START/END writes the header as files did before the field existed, and such a header loads.
        JsonObject old = header(saved());
        assertTrue(!old.has("startEnd"), old.toString());
        assertTrue(ModelFile.load(dir.resolve("saved.r4j")).model().vocabulary().hasStartEnd());
    }

    @Test
    void aHeaderWithoutStartEndNeedsOneRowPerCharacter() throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>(Sections.decode(saved(), "saved"));
        JsonObject header = header(saved());
        header.addProperty("startEnd", false);
        sections.put(ModelFile.HEADER, header.toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(Files.write(dir.resolve("rows.r4j"), Sections.encode(sections)),
                "shape mismatch: parameter 1 is Wil " + vocabulary.size() + "x3 in the file");
    }

    private static JsonObject header(byte[] file) throws ModelFileException {
        return JsonParser.parseString(new String(Sections.decode(file, "f").get(ModelFile.HEADER),
                StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static float[] values(Mat m) {
        return Arrays.copyOfRange(m.w, m.offset, m.offset + m.size());
    }

    @Test
    void aSaveReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.r4j");
        ModelFile.save(file, model(ModelKind.LSTM), Map.of(), 1);
        ModelFile.save(file, model(ModelKind.GRU), Map.of(), 2);
        assertEquals("gru", ModelFile.load(file).model().kind());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFileThatIsNotAModelIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a model");
        assertRefused(text, "not a recurrent4j model file");
        Path empty = Files.write(dir.resolve("empty.r4j"), new byte[0]);
        assertRefused(empty, "not a recurrent4j model file");
        var missing = assertThrows(NoSuchFileException.class, () -> ModelFile.load(dir.resolve("none.r4j")));
        assertTrue(missing.getMessage().contains("none.r4j"), missing.getMessage());
        assertRefused(dir, "is a directory");
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] bytes = saved();
        for (int length : new int[] {8, 10, 12, 13, 20, 100, bytes.length / 2, bytes.length - 5, bytes.length - 1}) {
            Path cut = Files.write(dir.resolve("cut" + length), Arrays.copyOf(bytes, length));
            assertRefused(cut, "truncated");
        }
    }

    @Test
    void aFlippedByteFailsItsChecksum() throws IOException {
        byte[] bytes = saved();
        bytes[bytes.length - 40] ^= 0x10; // inside the parameter values
        assertRefused(Files.write(dir.resolve("flipped.r4j"), bytes), "checksum of section 'parameters'");
    }

    @Test
    void aNewerMajorVersionIsRefusedAndANewerMinorIsRead() throws IOException {
        byte[] bytes = saved();
        assertEquals(Sections.MAJOR, bytes[Sections.SIGNATURE.length]);
        bytes[Sections.SIGNATURE.length] = (byte) (Sections.MAJOR + 1);
        assertRefused(Files.write(dir.resolve("v3.r4j"), bytes), "written by a newer recurrent4j (model file format 3.0)");
        bytes[Sections.SIGNATURE.length] = 0;
        assertRefused(Files.write(dir.resolve("v0.r4j"), bytes), "unknown model file format 0.0");

        Map<String, byte[]> sections = new LinkedHashMap<>(Sections.decode(saved(), "saved"));
        sections.put("something-new", new byte[] {4, 5});
        Path minor = Files.write(dir.resolve("v2.7.r4j"), Sections.encode(sections, Sections.MAJOR, 7));
        assertEquals("lstm", ModelFile.load(minor).model().kind());
    }

    @Test
    void aFormatOneFileIsRead() throws IOException {
        // format 1: version 1 as a u32 (the same bytes as 1.0), the CRC over the payload only
        Map<String, byte[]> sections = Sections.decode(saved(), "saved");
        byte[] v1 = Sections.encode(sections, 1, 0);
        assertArrayEquals(new byte[] {1, 0, 0, 0}, Arrays.copyOfRange(v1, 8, 12));
        SavedModel loaded = ModelFile.load(Files.write(dir.resolve("v1.r4j"), v1));
        assertEquals(10, loaded.step());
        assertArrayEquals(values(model(ModelKind.LSTM).parameters().get(3).mat()),
                values(loaded.model().parameters().get(3).mat()));
    }

    @Test
    void aFlippedBitInASectionNameOrLengthFailsTheChecksum() throws IOException {
        byte[] bytes = saved();
        bytes[13] ^= 0x01; // the first letter of 'header'
        assertRefused(Files.write(dir.resolve("name.r4j"), bytes), "checksum of section 'ieader'");
    }

    @Test
    void aHeaderThatDoesNotFitTheParametersIsAShapeMismatch() throws IOException {
        Map<String, byte[]> sections = Sections.decode(saved(), "saved");
        JsonObject header = JsonParser.parseString(new String(sections.get(ModelFile.HEADER), StandardCharsets.UTF_8))
                .getAsJsonObject();
        header.addProperty("letterSize", 4);
        Map<String, byte[]> edited = new LinkedHashMap<>(sections);
        edited.put(ModelFile.HEADER, header.toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(Files.write(dir.resolve("shape.r4j"), Sections.encode(edited)), "shape mismatch: parameter 1 is Wil");

        header.addProperty("letterSize", 3);
        header.addProperty("kind", "transformer");
        edited.put(ModelFile.HEADER, header.toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(Files.write(dir.resolve("kind.r4j"), Sections.encode(edited)), "unknown model kind 'transformer'");

        edited.put(ModelFile.HEADER, "{not json".getBytes(StandardCharsets.UTF_8));
        assertRefused(Files.write(dir.resolve("json.r4j"), Sections.encode(edited)), "corrupt header");
    }

    @Test
    void unknownSectionsAreSkippedForLaterFormats() throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>(Sections.decode(saved(), "saved"));
        sections.put("future-extension", new byte[] {1, 2, 3});
        Path file = Files.write(dir.resolve("extra.r4j"), Sections.encode(sections));
        assertEquals("lstm", ModelFile.load(file).model().kind());
    }

    private byte[] saved() throws IOException {
        Path file = dir.resolve("saved.r4j");
        ModelFile.save(file, model(ModelKind.LSTM), Map.of("seed", "1"), 10);
        return Files.readAllBytes(file);
    }

    private static void assertRefused(Path file, String message) {
        var e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
