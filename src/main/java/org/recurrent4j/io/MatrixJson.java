package org.recurrent4j.io;

import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RecurrentJS matrices in JSON: {@code {"n": rows, "d": cols, "w": values}}, with {@code w} row-major as an array
 * or as an object keyed "0", "1", … in any order (how {@code JSON.stringify} writes a typed array). Each matrix is
 * checked to hold exactly n × d finite floats; numbers go from their text straight to float, so a float written by
 * {@link Float#toString} reads back exactly.
 */
final class MatrixJson {
    /** One matrix: n rows, d columns, the values row-major. */
    record Matrix(int n, int d, float[] w) {}

    private final JsonInput json;

    MatrixJson(JsonInput json) {
        this.json = json;
    }

    /** An object of named matrices at {@code path}; a name may appear once. */
    Map<String, Matrix> matrices(String path) throws IOException {
        json.expect(JsonToken.BEGIN_OBJECT, path);
        Map<String, Matrix> out = new LinkedHashMap<>();
        json.in.beginObject();
        while (json.in.hasNext()) {
            String key = json.in.nextName();
            String at = path + "." + JsonInput.quoted(key).replace("\"", "");
            if (out.put(key, matrix(at)) != null) throw json.bad(at + " appears twice");
        }
        json.in.endObject();
        return out;
    }

    private Matrix matrix(String path) throws IOException {
        json.expect(JsonToken.BEGIN_OBJECT, path);
        Integer n = null;
        Integer d = null;
        Values w = null;
        json.in.beginObject();
        while (json.in.hasNext()) {
            switch (json.in.nextName()) {
                case "n" -> n = json.integer(path + ".n");
                case "d" -> d = json.integer(path + ".d");
                case "w" -> w = values(path + ".w");
                default -> json.in.skipValue();
            }
        }
        json.in.endObject();
        if (n == null || d == null || w == null) {
            throw json.bad(path + " lacks " + (n == null ? "n" : d == null ? "d" : "w") + "; a matrix is {n, d, w}");
        }
        if (n < 1 || d < 1) throw json.bad(path + " is " + n + "x" + d + "; n and d must be positive");
        return new Matrix(n, d, w.toArray(path + ".w", (long) n * d));
    }

    /** The values of {@code w} as read: in order (an array) or with their keys (an object keyed by index). */
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
                throw json.bad(path + " holds " + count + " values, but n × d = " + size + "; the matrix has the wrong shape");
            }
            if (keys == null) return Arrays.copyOf(values, count);
            float[] out = new float[count];
            boolean[] seen = new boolean[count];
            for (int i = 0; i < count; i++) {
                int k = keys[i];
                if (k < 0 || k >= count || seen[k]) {
                    throw json.bad(path + " has the key \"" + k + "\", outside 0.." + (count - 1) + " or repeated");
                }
                seen[k] = true;
                out[k] = values[i];
            }
            return out;
        }
    }

    private Values values(String path) throws IOException {
        Values v = new Values();
        if (json.peek() == JsonToken.BEGIN_ARRAY) {
            json.in.beginArray();
            for (int i = 0; json.in.hasNext(); i++) v.add(value(path, i), i);
            json.in.endArray();
        } else if (json.peek() == JsonToken.BEGIN_OBJECT) {
            v.keys = new int[16];
            json.in.beginObject();
            while (json.in.hasNext()) {
                String key = json.in.nextName();
                int index;
                try {
                    index = Integer.parseInt(key);
                } catch (NumberFormatException e) {
                    throw json.bad(path + " has the key " + JsonInput.quoted(key)
                            + "; its keys must be the indices \"0\", \"1\", ...");
                }
                v.add(value(path, index), index);
            }
            json.in.endObject();
        } else {
            throw json.bad(path + " is not an array or an object of numbers");
        }
        return v;
    }

    /** One weight: a finite float. JavaScript writes NaN and infinities as null. */
    private float value(String path, int index) throws IOException {
        String at = path + "[" + index + "]";
        JsonToken t = json.peek();
        if (t == JsonToken.NULL) {
            json.in.nextNull();
            throw json.bad(at + " is null (JSON.stringify writes NaN and infinities as null); a model needs finite weights");
        }
        if (t != JsonToken.NUMBER && t != JsonToken.STRING) throw json.bad(at + " is not a number");
        String text = json.in.nextString();
        float x;
        try {
            x = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw json.bad(at + " is " + JsonInput.quoted(text) + ", not a number");
        }
        if (Float.isNaN(x)) throw json.bad(at + " is NaN; a model needs finite weights");
        if (Float.isInfinite(x)) {
            throw json.bad(at + " is " + text + ", beyond the range of a float; a model needs finite weights");
        }
        return x;
    }
}
