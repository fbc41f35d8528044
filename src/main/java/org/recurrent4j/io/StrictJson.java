package org.recurrent4j.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import org.recurrent4j.train.Metrics;

/**
 * JSON that every parser reads: a number that is not finite (a perplexity that overflowed, a NaN) is written as a
 * string, {@code "Infinity"}, {@code "-Infinity"} or {@code "NaN"}, never as the bare literals that strict parsers
 * refuse, and read back as the number. Every JSON the program writes goes through here or holds no such number.
 */
public final class StrictJson {
    private static final TypeAdapter<Double> DOUBLES = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null) out.nullValue();
            else if (Double.isFinite(value)) out.value(value);
            else out.value(Double.toString(value));
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Double.parseDouble(in.nextString()); // a number, or the string of one that is not finite
        }
    };

    /** Gson with that rule for doubles, HTML characters as they are. */
    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping()
            .registerTypeAdapter(Double.class, DOUBLES).registerTypeAdapter(double.class, DOUBLES).create();

    private StrictJson() {}

    /** {@code value} as a JSON number, or as its string when it is not finite. */
    public static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : new JsonPrimitive(Double.toString(value));
    }

    /** {@code value} as a JSON number (its float text), or as its string when it is not finite. */
    public static JsonElement number(float value) {
        return Float.isFinite(value) ? new JsonPrimitive(value) : new JsonPrimitive(Float.toString(value));
    }

    /** One metrics record as one line of JSON, as {@code --metrics} and checkpoints write it. */
    public static String line(Metrics m) {
        return GSON.toJson(m);
    }

    /** A metrics record from its line; lines of earlier releases, with bare {@code Infinity} or {@code NaN}, too. */
    public static Metrics metrics(String line) {
        Metrics m = GSON.fromJson(line, Metrics.class);
        if (m == null) throw new IllegalArgumentException("an empty metrics record");
        return m;
    }
}
