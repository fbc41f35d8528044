package org.recurrent4j.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.OptimizerState;

/**
 * An optimizer's state in a model file: an {@code optimizer} section, JSON with the kind, the step count and the
 * name and length of each buffer ({@code {"kind":"rmsprop","steps":3000,"buffers":[["Wil",255],...]}}), and an
 * {@code optimizer-buffers} section with the buffers' values as little-endian floats in that order.
 */
final class OptimizerSections {
    static final String OPTIMIZER = "optimizer";
    static final String BUFFERS = "optimizer-buffers";

    private OptimizerSections() {}

    static Map<String, byte[]> encode(OptimizerState state) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", state.kind());
        o.addProperty("steps", state.steps());
        JsonArray buffers = new JsonArray();
        List<float[]> values = new ArrayList<>();
        state.buffers().forEach((name, b) -> {
            JsonArray entry = new JsonArray();
            entry.add(name);
            entry.add(b.length);
            buffers.add(entry);
            values.add(b);
        });
        o.add("buffers", buffers);
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put(OPTIMIZER, o.toString().getBytes(StandardCharsets.UTF_8));
        sections.put(BUFFERS, Floats.encode(values));
        return sections;
    }

    /** The optimizer state of a file, checked against the model's parameters, or null if the file has none. */
    static OptimizerState decode(Map<String, byte[]> sections, List<Parameter> params, String name)
            throws ModelFileException {
        byte[] meta = sections.get(OPTIMIZER);
        byte[] floats = sections.get(BUFFERS);
        if (meta == null && floats == null) return null;
        if (meta == null || floats == null) {
            throw new ModelFileException(name + ": corrupt: the optimizer's state is incomplete (sections '"
                    + OPTIMIZER + "' and '" + BUFFERS + "' go together)");
        }
        OptimizerState state;
        try {
            JsonObject o = JsonParser.parseString(new String(meta, StandardCharsets.UTF_8)).getAsJsonObject();
            List<String> names = new ArrayList<>();
            List<Long> lengths = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("buffers")) {
                JsonArray entry = e.getAsJsonArray();
                names.add(entry.get(0).getAsString());
                lengths.add(entry.get(1).getAsLong());
            }
            List<float[]> values = Floats.decode(floats, lengths);
            if (values == null) throw new IllegalArgumentException("the buffer lengths do not add up to the values");
            Map<String, float[]> buffers = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (buffers.put(names.get(i), values.get(i)) != null) {
                    throw new IllegalArgumentException("two buffers for " + names.get(i));
                }
            }
            state = new OptimizerState(o.get("kind").getAsString(), o.get("steps").getAsLong(), buffers);
        } catch (RuntimeException e) { // Gson's and ours: whatever the bytes do not fit
            throw new ModelFileException(name + ": corrupt optimizer state: " + Messages.firstLine(e));
        }
        try {
            Optimizer.named(state.kind()).restore(state, params); // checks kind, names and lengths
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": the optimizer state does not fit the model: " + e.getMessage());
        }
        return state;
    }
}
