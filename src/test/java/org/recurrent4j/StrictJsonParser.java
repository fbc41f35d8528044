package org.recurrent4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Parses JSON as the standard defines it: no NaN or Infinity literals, no comments, nothing after the value. */
public final class StrictJsonParser {
    private StrictJsonParser() {}

    /** The value of {@code text}; throws if {@code text} is not strict JSON. */
    public static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new IllegalArgumentException("more after the value: " + text);
            return e;
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
