package org.recurrent4j.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Typed reads of the JSON the checkpoint sections hold, each failing with an IllegalArgumentException that names
 * the key. Numbers are read from their literal text, so a float or double written by {@link Float#toString} or
 * {@link Double#toString} comes back bit for bit (NaN and infinities included).
 */
final class JsonFields {
    private JsonFields() {}

    static JsonElement member(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) throw new IllegalArgumentException("'" + key + "' is missing");
        return e;
    }

    static JsonObject object(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonObject()) throw new IllegalArgumentException("'" + key + "' is not an object");
        return e.getAsJsonObject();
    }

    static JsonArray array(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonArray()) throw new IllegalArgumentException("'" + key + "' is not an array");
        return e.getAsJsonArray();
    }

    static String string(JsonObject o, String key) {
        return literal(member(o, key), key);
    }

    static long longValue(JsonObject o, String key) {
        return longValue(member(o, key), key);
    }

    static long longValue(JsonElement e, String key) {
        try {
            return Long.parseLong(literal(e, key));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("'" + key + "' is not an integer");
        }
    }

    static int intValue(JsonObject o, String key) {
        long v = longValue(o, key);
        if (v != (int) v) throw new IllegalArgumentException("'" + key + "' is out of range: " + v);
        return (int) v;
    }

    static double doubleValue(JsonObject o, String key) {
        return doubleValue(member(o, key), key);
    }

    static double doubleValue(JsonElement e, String key) {
        try {
            return Double.parseDouble(literal(e, key));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("'" + key + "' is not a number");
        }
    }

    static float floatValue(JsonObject o, String key) {
        try {
            return Float.parseFloat(string(o, key));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("'" + key + "' is not a number");
        }
    }

    private static String literal(JsonElement e, String key) {
        if (!(e instanceof JsonPrimitive p)) throw new IllegalArgumentException("'" + key + "' is not a value");
        return p.getAsString();
    }
}
