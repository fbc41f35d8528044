package org.recurrent4j.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * A streaming JSON reader for one file, with typed reads that refuse with a {@link ModelFileException} naming the
 * file and the place ({@code model.Wil.w[3]}). Lenient, so that NaN and Infinity are read and then refused by name.
 */
final class JsonInput {
    final JsonReader in;
    private final String name;

    JsonInput(String name, String text) {
        this.name = name;
        this.in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.LENIENT);
    }

    JsonToken peek() throws IOException {
        return in.peek();
    }

    void expect(JsonToken token, String path) throws IOException {
        if (in.peek() != token) {
            throw bad(path + " is not " + (token == JsonToken.BEGIN_OBJECT ? "an object" : "an array"));
        }
    }

    /** A number, as JavaScript may write an integer: 20, 20.0 or 2e1. */
    Integer integer(String path) throws IOException {
        if (in.peek() != JsonToken.NUMBER) throw bad(path + " is not a number");
        String text = in.nextString();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            double x = Double.parseDouble(text);
            if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) throw bad(path + " is " + text + ", not an integer");
            return (int) x;
        }
    }

    Double number(String path) throws IOException {
        if (in.peek() != JsonToken.NUMBER) throw bad(path + " is not a number");
        double x = Double.parseDouble(in.nextString());
        if (!Double.isFinite(x)) throw bad(path + " is not finite");
        return x;
    }

    String string(String path) throws IOException {
        if (in.peek() != JsonToken.STRING) throw bad(path + " is not a string");
        return in.nextString();
    }

    ModelFileException bad(String what) {
        return new ModelFileException(name + ": " + what);
    }

    /** {@code s} in double quotes, control characters escaped, for a message. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) sb.append(String.format("\\u%04x", c));
            else sb.appendCodePoint(c);
        });
        return sb.append('"').toString();
    }
}
