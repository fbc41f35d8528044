package org.recurrent4j.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of a RecurrentJS model, streaming, into its parts as written: every matrix checked to hold
 * n × d finite values, whether {@code w} is an array or an object keyed "0", "1", … (a JavaScript typed array).
 * What the parts mean together is checked by {@link RecurrentJsImport}. Unknown keys are skipped. Numbers are
 * converted from their text straight to float, so a float written by {@link Float#toString} reads back exactly.
 */
final class RecurrentJsParser {
    /** One matrix: n rows, d columns, the values row-major. */
    record Matrix(int n, int d, float[] w) {}

    /** The parts of a file; a part that is absent is null. */
    record Parsed(List<Integer> hiddenSizes, String generator, Integer letterSize, Map<String, Matrix> model,
                  boolean hasSolver, Double decayRate, Double smoothEps, Map<String, Matrix> stepCache,
                  Map<String, Integer> letterToIndex, Map<String, String> indexToLetter, List<String> vocab) {}

    private final String name;
    private final JsonReader in;

    private RecurrentJsParser(String name, String text) {
        this.name = name;
        this.in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.LENIENT); // to read NaN and Infinity and then refuse them by name
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
        if (in.peek() != JsonToken.BEGIN_OBJECT) throw bad("not a RecurrentJS JSON model (the top level is not a JSON object)");
        List<Integer> hidden = null;
        String generator = null;
        Integer letterSize = null;
        Map<String, Matrix> model = null;
        boolean hasSolver = false;
        Double decay = null;
        Double eps = null;
        Map<String, Matrix> cache = null;
        Map<String, Integer> letterToIndex = null;
        Map<String, String> indexToLetter = null;
        List<String> vocab = null;
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            switch (key) {
                case "hidden_sizes" -> hidden = integers(key);
                case "generator" -> generator = string(key);
                case "letter_size" -> letterSize = integer(key);
                case "model" -> model = matrices(key);
                case "solver" -> {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        continue;
                    }
                    expect(JsonToken.BEGIN_OBJECT, key);
                    hasSolver = true;
                    in.beginObject();
                    while (in.hasNext()) {
                        String k = in.nextName();
                        switch (k) {
                            case "decay_rate" -> decay = number("solver.decay_rate");
                            case "smooth_eps" -> eps = number("solver.smooth_eps");
                            case "step_cache" -> cache = matrices("solver.step_cache");
                            default -> in.skipValue();
                        }
                    }
                    in.endObject();
                }
                case "letterToIndex" -> letterToIndex = indices(key);
                case "indexToLetter" -> indexToLetter = letters(key);
                case "vocab" -> vocab = strings(key);
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (in.peek() != JsonToken.END_DOCUMENT) throw bad("more JSON follows the model's object");
        return new Parsed(hidden, generator, letterSize, model, hasSolver, decay, eps, cache, letterToIndex,
                indexToLetter, vocab);
    }

    private Map<String, Matrix> matrices(String path) throws IOException {
        expect(JsonToken.BEGIN_OBJECT, path);
        Map<String, Matrix> out = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            if (out.put(key, matrix(path + "." + key)) != null) throw bad(path + "." + key + " appears twice");
        }
        in.endObject();
        return out;
    }

    private Matrix matrix(String path) throws IOException {
        expect(JsonToken.BEGIN_OBJECT, path);
        Integer n = null;
        Integer d = null;
        Values w = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "n" -> n = integer(path + ".n");
                case "d" -> d = integer(path + ".d");
                case "w" -> w = values(path + ".w");
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (n == null || d == null || w == null) {
            throw bad(path + " lacks " + (n == null ? "n" : d == null ? "d" : "w") + "; a matrix is {n, d, w}");
        }
        if (n < 1 || d < 1) throw bad(path + " is " + n + "x" + d + "; n and d must be positive");
        return new Matrix(n, d, w.toArray(path + ".w", (long) n * d));
    }

    /** The values of {@code w}: in order (an array) or with their keys (an object keyed by index). */
    private final class Values {
        private float[] values = new float[16];
        private int[] keys;
        private int count;

        void add(float v, int key) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
                if (keys != null) keys = Arrays.copyOf(keys, count * 2);
            }
            values[count] = v;
            if (keys != null) keys[count] = key;
            count++;
        }

        float[] toArray(String path, long size) throws ModelFileException {
            if (count != size) {
                throw bad(path + " holds " + count + " values, but n × d = " + size + "; the matrix has the wrong shape");
            }
            if (keys == null) return Arrays.copyOf(values, count);
            float[] out = new float[count];
            boolean[] seen = new boolean[count];
            for (int i = 0; i < count; i++) {
                int k = keys[i];
                if (k < 0 || k >= count || seen[k]) {
                    throw bad(path + " has the key \"" + k + "\", outside 0.." + (count - 1) + " or repeated");
                }
                seen[k] = true;
                out[k] = values[i];
            }
            return out;
        }
    }

    private Values values(String path) throws IOException {
        Values v = new Values();
        if (in.peek() == JsonToken.BEGIN_ARRAY) {
            in.beginArray();
            for (int i = 0; in.hasNext(); i++) v.add(value(path, i), i);
            in.endArray();
        } else if (in.peek() == JsonToken.BEGIN_OBJECT) {
            v.keys = new int[16];
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                int index;
                try {
                    index = Integer.parseInt(key);
                } catch (NumberFormatException e) {
                    throw bad(path + " has the key \"" + key + "\"; its keys must be the indices \"0\", \"1\", ...");
                }
                v.add(value(path, index), index);
            }
            in.endObject();
        } else {
            throw bad(path + " is not an array or an object of numbers");
        }
        return v;
    }

    /** One weight: a finite float. JavaScript writes NaN and infinities as null. */
    private float value(String path, int index) throws IOException {
        String at = path + "[" + index + "]";
        JsonToken t = in.peek();
        if (t == JsonToken.NULL) {
            in.nextNull();
            throw bad(at + " is null (JSON.stringify writes NaN and infinities as null); a model needs finite weights");
        }
        if (t != JsonToken.NUMBER && t != JsonToken.STRING) throw bad(at + " is not a number");
        String text = in.nextString();
        float x;
        try {
            x = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw bad(at + " is \"" + text + "\", not a number");
        }
        if (Float.isNaN(x)) throw bad(at + " is NaN; a model needs finite weights");
        if (Float.isInfinite(x)) throw bad(at + " is " + text + ", beyond the range of a float; a model needs finite weights");
        return x;
    }

    private Double number(String path) throws IOException {
        if (in.peek() != JsonToken.NUMBER) throw bad(path + " is not a number");
        double x = Double.parseDouble(in.nextString());
        if (!Double.isFinite(x)) throw bad(path + " is not finite");
        return x;
    }

    private Integer integer(String path) throws IOException {
        if (in.peek() != JsonToken.NUMBER) throw bad(path + " is not a number");
        String text = in.nextString();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            double x = Double.parseDouble(text); // JavaScript may write 20 as 20.0 or 2e1
            if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) throw bad(path + " is " + text + ", not an integer");
            return (int) x;
        }
    }

    private List<Integer> integers(String path) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, path);
        List<Integer> out = new ArrayList<>();
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) out.add(integer(path + "[" + i + "]"));
        in.endArray();
        return out;
    }

    private String string(String path) throws IOException {
        if (in.peek() != JsonToken.STRING) throw bad(path + " is not a string");
        return in.nextString();
    }

    private List<String> strings(String path) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, path);
        List<String> out = new ArrayList<>();
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) out.add(string(path + "[" + i + "]"));
        in.endArray();
        return out;
    }

    private Map<String, Integer> indices(String path) throws IOException {
        expect(JsonToken.BEGIN_OBJECT, path);
        Map<String, Integer> out = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            out.put(key, integer(path + "[" + quoted(key) + "]"));
        }
        in.endObject();
        return out;
    }

    private Map<String, String> letters(String path) throws IOException {
        expect(JsonToken.BEGIN_OBJECT, path);
        Map<String, String> out = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            out.put(key, string(path + "[" + quoted(key) + "]"));
        }
        in.endObject();
        return out;
    }

    private void expect(JsonToken token, String path) throws IOException {
        if (in.peek() != token) {
            throw bad(path + " is not " + (token == JsonToken.BEGIN_OBJECT ? "an object" : "an array"));
        }
    }

    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) sb.append(String.format("\\u%04x", c));
            else sb.appendCodePoint(c);
        });
        return sb.append('"').toString();
    }

    private ModelFileException bad(String what) {
        return new ModelFileException(name + ": " + what);
    }
}
