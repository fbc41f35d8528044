package org.recurrent4j.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One profile's run: the directory {@code <root>/<name>/} with its jmh.json and environment.json. */
record ProfileRun(String name, JsonObject environment, List<Measurement> measurements) {

    /** Every subdirectory of root that holds a jmh.json, by name. */
    static List<ProfileRun> readAll(Path root) throws IOException {
        List<ProfileRun> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("jmh.json"))).sorted().toList()) {
                Path json = dir.resolve("jmh.json");
                runs.add(new ProfileRun(dir.getFileName().toString(), JmhResults.environmentNextTo(json),
                        JmhResults.read(json)));
            }
        }
        return runs;
    }

    /** A field of the environment record by dotted path (e.g. {@code cpu.model}), or "?" when it is missing. */
    String env(String path) {
        JsonElement e = environment;
        for (String part : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) return "?";
            e = e.getAsJsonObject().get(part);
        }
        if (e == null || e.isJsonNull()) return "?";
        if (e.isJsonArray()) {
            List<String> items = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> items.add(x.getAsString()));
            return String.join(" ", items);
        }
        return e.getAsString();
    }
}
