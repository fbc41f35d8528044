package org.recurrent4j.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent4j.text.Vocabulary;

/**
 * The characters of a model's embedding rows, in row order, beside a safetensors file: a JSON array of strings
 * (a file whose name ends in {@code .json}) or UTF-8 text with one character per line, where an empty line stands
 * for the newline character. Each entry is one code point; in the JSON form an empty string as the first entry
 * marks row 0 as START/END, as recurrent4j's own models have it, and the vocabulary then has that index.
 */
final class VocabularyFile {
    private VocabularyFile() {}

    /** The vocabulary listed in {@code file}; without a START/END mark it is one without START/END. */
    static Vocabulary read(Path file) throws IOException {
        String name = file.toString();
        byte[] bytes = ModelFile.readBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(name + ": is not UTF-8 text, so not a vocabulary");
        }
        List<String> entries = name.endsWith(".json") ? json(text, name) : lines(text, name);
        boolean startEnd = !entries.isEmpty() && entries.getFirst().isEmpty();
        List<String> characters = startEnd ? entries.subList(1, entries.size()) : entries;
        if (characters.isEmpty()) throw new ModelFileException(name + ": lists no characters");
        for (int i = 0; i < characters.size(); i++) {
            String c = characters.get(i);
            if (c.codePointCount(0, c.length()) != 1) {
                int entry = i + (startEnd ? 1 : 0);
                throw new ModelFileException(name + ": entry " + (entry + 1) + " is " + JsonInput.quoted(c) + ", not "
                        + "one character" + (c.isEmpty() ? " (only the first entry may be \"\", to mark START/END)" : ""));
            }
        }
        try {
            return startEnd ? Vocabulary.of(characters) : Vocabulary.withoutStartEnd(characters);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": " + e.getMessage());
        }
    }

    private static List<String> json(String text, String name) throws ModelFileException {
        List<String> out = new ArrayList<>();
        try {
            JsonReader json = new JsonReader(new StringReader(text));
            json.setStrictness(Strictness.STRICT);
            if (json.peek() != JsonToken.BEGIN_ARRAY) {
                throw new ModelFileException(name + ": is not a JSON array of characters");
            }
            json.beginArray();
            while (json.hasNext()) {
                if (json.peek() != JsonToken.STRING) {
                    throw new ModelFileException(name + ": entry " + (out.size() + 1) + " is not a string");
                }
                out.add(json.nextString());
            }
            json.endArray();
            if (json.peek() != JsonToken.END_DOCUMENT) throw new ModelFileException(name + ": text after the array");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | IllegalStateException e) { // Gson's syntax errors
            throw new ModelFileException(name + ": not valid JSON (" + Messages.jsonError(e) + ")");
        }
        return out;
    }

    /** One entry per line, lines ending at '\n' (the last may lack it); an empty line is the newline character. */
    private static List<String> lines(String text, String name) throws ModelFileException {
        if (text.isEmpty()) throw new ModelFileException(name + ": is empty; give one character per line");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        List<String> out = new ArrayList<>();
        int line = 0;
        for (String s : body.split("\n", -1)) {
            line++;
            if (s.codePointCount(0, s.length()) > 1) {
                throw new ModelFileException(name + ": line " + line + " holds " + s.codePointCount(0, s.length())
                        + " characters " + JsonInput.quoted(s) + ", not one" + (s.endsWith("\r") ? " (the file has "
                        + "CRLF line ends; use LF, or a JSON array)" : " (a JSON array in a .json file can hold any)"));
            }
            out.add(s.isEmpty() ? "\n" : s);
        }
        return out;
    }

    /** The JSON array of {@code vocabulary}'s rows: "" first for START/END when it has it, then its characters. */
    static byte[] encode(Vocabulary vocabulary) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginArray();
            if (vocabulary.hasStartEnd()) json.value("");
            for (String c : vocabulary.characters()) json.value(c);
            json.endArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string", e);
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
