package org.recurrent4j.io;

import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of a RecurrentJS model, streaming, into its parts as written; the matrices are read by
 * {@link MatrixJson}. What the parts mean together is checked by {@link RecurrentJsImport}. Unknown keys are
 * skipped.
 */
final class RecurrentJsParser {
    /** The parts of a file; a part that is absent is null. */
    record Parsed(List<Integer> hiddenSizes, String generator, Integer letterSize, Map<String, MatrixJson.Matrix> model,
                  boolean hasSolver, Double decayRate, Double smoothEps, Map<String, MatrixJson.Matrix> stepCache,
                  Map<String, Integer> letterToIndex, Map<String, String> indexToLetter, List<String> vocab) {}

    private final JsonInput json;
    private final MatrixJson matrices;

    private RecurrentJsParser(String name, String text) {
        this.json = new JsonInput(name, text);
        this.matrices = new MatrixJson(json);
    }

    /** The parts of {@code text}; {@code name} names the file in messages. */
    static Parsed parse(String name, String text) throws ModelFileException {
        try {
            return new RecurrentJsParser(name, text).file();
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) { // Gson's syntax errors
            throw new ModelFileException(name + ": not valid JSON (" + Messages.firstLine(e) + "); give a model "
                    + "saved by RecurrentJS or by 'recurrent4j export'");
        }
    }

    private Parsed file() throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            throw json.bad("not a RecurrentJS JSON model (the top level is not a JSON object)");
        }
        List<Integer> hidden = null;
        String generator = null;
        Integer letterSize = null;
        Map<String, MatrixJson.Matrix> model = null;
        Solver solver = null;
        Map<String, Integer> letterToIndex = null;
        Map<String, String> indexToLetter = null;
        List<String> vocab = null;
        json.in.beginObject();
        while (json.in.hasNext()) {
            String key = json.in.nextName();
            switch (key) {
                case "hidden_sizes" -> hidden = integers(key);
                case "generator" -> generator = json.string(key);
                case "letter_size" -> letterSize = json.integer(key);
                case "model" -> model = matrices.matrices(key);
                case "solver" -> solver = solver();
                case "letterToIndex" -> letterToIndex = indices(key);
                case "indexToLetter" -> indexToLetter = letters(key);
                case "vocab" -> vocab = strings(key);
                default -> json.in.skipValue();
            }
        }
        json.in.endObject();
        if (json.peek() != JsonToken.END_DOCUMENT) throw json.bad("more JSON follows the model's object");
        return new Parsed(hidden, generator, letterSize, model, solver != null,
                solver == null ? null : solver.decay, solver == null ? null : solver.eps,
                solver == null ? null : solver.cache, letterToIndex, indexToLetter, vocab);
    }

    private static final class Solver {
        Double decay;
        Double eps;
        Map<String, MatrixJson.Matrix> cache;
    }

    /** The solver, or null for {@code "solver": null}. */
    private Solver solver() throws IOException {
        if (json.peek() == JsonToken.NULL) {
            json.in.nextNull();
            return null;
        }
        json.expect(JsonToken.BEGIN_OBJECT, "solver");
        Solver s = new Solver();
        json.in.beginObject();
        while (json.in.hasNext()) {
            switch (json.in.nextName()) {
                case "decay_rate" -> s.decay = json.number("solver.decay_rate");
                case "smooth_eps" -> s.eps = json.number("solver.smooth_eps");
                case "step_cache" -> s.cache = matrices.matrices("solver.step_cache");
                default -> json.in.skipValue();
            }
        }
        json.in.endObject();
        return s;
    }

    private List<Integer> integers(String path) throws IOException {
        json.expect(JsonToken.BEGIN_ARRAY, path);
        List<Integer> out = new ArrayList<>();
        json.in.beginArray();
        for (int i = 0; json.in.hasNext(); i++) out.add(json.integer(path + "[" + i + "]"));
        json.in.endArray();
        return out;
    }

    private List<String> strings(String path) throws IOException {
        json.expect(JsonToken.BEGIN_ARRAY, path);
        List<String> out = new ArrayList<>();
        json.in.beginArray();
        for (int i = 0; json.in.hasNext(); i++) out.add(json.string(path + "[" + i + "]"));
        json.in.endArray();
        return out;
    }

    private Map<String, Integer> indices(String path) throws IOException {
        json.expect(JsonToken.BEGIN_OBJECT, path);
        Map<String, Integer> out = new LinkedHashMap<>();
        json.in.beginObject();
        while (json.in.hasNext()) {
            String key = json.in.nextName();
            out.put(key, json.integer(path + "[" + JsonInput.quoted(key) + "]"));
        }
        json.in.endObject();
        return out;
    }

    private Map<String, String> letters(String path) throws IOException {
        json.expect(JsonToken.BEGIN_OBJECT, path);
        Map<String, String> out = new LinkedHashMap<>();
        json.in.beginObject();
        while (json.in.hasNext()) {
            String key = json.in.nextName();
            out.put(key, json.string(path + "[" + JsonInput.quoted(key) + "]"));
        }
        json.in.endObject();
        return out;
    }
}
