package org.recurrent4j.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's JSON result format ({@code -rf json}) into measurements. */
final class JmhResults {
    private JmhResults() {}

    static List<Measurement> read(Path json) throws IOException {
        List<Measurement> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
            JsonObject r = e.getAsJsonObject();
            Map<String, String> params = new LinkedHashMap<>();
            String impl = null;
            if (r.has("params")) {
                for (var p : r.getAsJsonObject("params").entrySet()) {
                    if (p.getKey().equals("impl")) impl = p.getValue().getAsString();
                    else params.put(p.getKey(), p.getValue().getAsString());
                }
            }
            out.add(new Measurement(r.get("benchmark").getAsString(), params, impl, Throughput.of(r)));
        }
        return out;
    }

    /** The environment record next to a result file, or an empty object when there is none. */
    static JsonObject environmentNextTo(Path json) throws IOException {
        Path env = json.toAbsolutePath().resolveSibling("environment.json");
        return Files.exists(env) ? JsonParser.parseString(Files.readString(env)).getAsJsonObject() : new JsonObject();
    }
}
