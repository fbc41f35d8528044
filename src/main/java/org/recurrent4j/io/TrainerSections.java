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
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusStreams;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingConfig;

/**
 * A trainer's state in a checkpoint, besides the optimizer's ({@link OptimizerSections}): a {@code trainer}
 * section (JSON: step, configuration, data fingerprint, position, report interval, elapsed time, named generator
 * states and, with dropout, the state of the mask generator), a {@code carried-state} section in corpus mode (the carried hidden values, then the cells,
 * per layer H_j × B, as little-endian floats) and a {@code metrics} section (every report so far, one JSON object
 * per line, as {@code --metrics} writes them). Floats and doubles are written by {@code toString} and read back
 * from their text, so every value returns bit for bit; one that is not finite is written as a string
 * ({@link StrictJson}), so that the JSON is valid.
 */
final class TrainerSections {
    static final String TRAINER = "trainer";
    static final String CARRIED = "carried-state";
    static final String METRICS = "metrics";

    private TrainerSections() {}

    /** What the sections hold: the trainer's state and the named generators beside it. */
    record Decoded(TrainerState state, Map<String, SplitMix64.State> generators) {}

    static Map<String, byte[]> encode(TrainerState s, Map<String, SplitMix64.State> generators) {
        JsonObject o = new JsonObject();
        o.addProperty("step", s.step());
        o.add("config", config(s.config()));
        o.addProperty("dataFingerprint", s.dataFingerprint());
        Map<String, byte[]> sections = new LinkedHashMap<>();
        JsonObject position = new JsonObject();
        switch (s.position()) {
            case TrainerState.Sentences p -> {
                position.addProperty("mode", "sentences");
                position.add("generator", generator(p.generator()));
            }
            case TrainerState.Corpus c -> {
                position.addProperty("mode", "corpus");
                position.addProperty("epoch", c.cursor().epoch());
                position.addProperty("offset", c.cursor().offset());
                position.addProperty("chunkEpoch", c.chunkEpoch());
                List<float[]> carried = new ArrayList<>(c.hidden());
                carried.addAll(c.cells());
                sections.put(CARRIED, Floats.encode(carried));
            }
        }
        o.add("position", position);
        JsonObject interval = new JsonObject();
        interval.add("nats", StrictJson.number(s.interval().nats()));
        interval.addProperty("predictions", s.interval().predictions());
        interval.addProperty("nanos", s.interval().nanos());
        JsonArray perplexities = new JsonArray();
        for (double p : s.interval().perplexities()) perplexities.add(StrictJson.number(p));
        interval.add("perplexities", perplexities);
        o.add("interval", interval);
        o.add("elapsedSeconds", StrictJson.number(s.elapsedSeconds()));
        JsonObject named = new JsonObject();
        generators.forEach((name, g) -> named.add(name, generator(g)));
        o.add("generators", named);
        if (s.dropoutGenerator() != null) o.add("dropoutGenerator", generator(s.dropoutGenerator()));
        sections.put(TRAINER, o.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder lines = new StringBuilder();
        for (Metrics m : s.history()) lines.append(StrictJson.line(m)).append('\n');
        sections.put(METRICS, lines.toString().getBytes(StandardCharsets.UTF_8));
        return sections;
    }

    private static JsonObject config(TrainingConfig c) {
        JsonObject o = new JsonObject();
        o.add("learningRate", StrictJson.number(c.learningRate()));
        o.add("regc", StrictJson.number(c.regc()));
        o.add("clip", StrictJson.number(c.clip()));
        o.addProperty("batch", c.batch());
        o.addProperty("seqLength", c.seqLength());
        o.addProperty("reportEvery", c.reportEvery());
        o.addProperty("validateEvery", c.validateEvery());
        o.addProperty("threads", c.threads());
        o.add("dropout", StrictJson.number(c.dropout()));
        o.add("lrDecay", StrictJson.number(c.lrDecay()));
        o.addProperty("lrDecayAfter", c.lrDecayAfter());
        o.addProperty("warmup", c.warmup());
        return o;
    }

    private static JsonArray generator(SplitMix64.State g) {
        JsonArray a = new JsonArray();
        a.add(g.seed());
        a.add(g.gamma());
        return a;
    }

    /**
     * The trainer's state of a checkpoint's sections, for {@code model} and its decoded {@code optimizer}.
     *
     * @throws IllegalArgumentException (and Gson's runtime exceptions) if a section is missing or corrupt
     */
    static Decoded decode(Map<String, byte[]> sections, CharModel model, OptimizerState optimizer) {
        JsonObject o = JsonParser.parseString(text(sections, TRAINER)).getAsJsonObject();
        TrainingConfig config = config(JsonFields.object(o, "config"));
        JsonObject p = JsonFields.object(o, "position");
        TrainerState.Position position = switch (JsonFields.string(p, "mode")) {
            case "sentences" -> new TrainerState.Sentences(generator(JsonFields.member(p, "generator")));
            case "corpus" -> corpus(p, sections.get(CARRIED), model, config.batch());
            default -> throw new IllegalArgumentException("unknown mode '" + JsonFields.string(p, "mode") + "'");
        };
        JsonObject i = JsonFields.object(o, "interval");
        JsonArray ppl = JsonFields.array(i, "perplexities");
        double[] perplexities = new double[ppl.size()];
        for (int k = 0; k < perplexities.length; k++) perplexities[k] = JsonFields.doubleValue(ppl.get(k), "perplexities");
        TrainerState.Interval interval = new TrainerState.Interval(JsonFields.doubleValue(i, "nats"),
                JsonFields.longValue(i, "predictions"), JsonFields.longValue(i, "nanos"), perplexities);
        Map<String, SplitMix64.State> generators = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : JsonFields.object(o, "generators").entrySet()) {
            generators.put(e.getKey(), generator(e.getValue()));
        }
        SplitMix64.State masks = o.has("dropoutGenerator") ? generator(o.get("dropoutGenerator")) : null;
        TrainerState state = new TrainerState(JsonFields.longValue(o, "step"), config,
                JsonFields.longValue(o, "dataFingerprint"), optimizer, position, interval,
                JsonFields.doubleValue(o, "elapsedSeconds"), history(text(sections, METRICS)), masks);
        return new Decoded(state, generators);
    }

    private static String text(Map<String, byte[]> sections, String name) {
        byte[] bytes = sections.get(name);
        if (bytes == null) throw new IllegalArgumentException("no '" + name + "' section");
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The configuration; files of earlier releases, without dropout and schedule, read as having none. */
    private static TrainingConfig config(JsonObject c) {
        return new TrainingConfig(JsonFields.floatValue(c, "learningRate"), JsonFields.floatValue(c, "regc"),
                JsonFields.floatValue(c, "clip"), JsonFields.intValue(c, "batch"), JsonFields.intValue(c, "seqLength"),
                JsonFields.intValue(c, "reportEvery"), JsonFields.intValue(c, "validateEvery"),
                JsonFields.intValue(c, "threads"),
                c.has("dropout") ? JsonFields.floatValue(c, "dropout") : TrainingConfig.DROPOUT,
                c.has("lrDecay") ? JsonFields.floatValue(c, "lrDecay") : TrainingConfig.LR_DECAY,
                c.has("lrDecayAfter") ? JsonFields.intValue(c, "lrDecayAfter") : TrainingConfig.LR_DECAY_AFTER,
                c.has("warmup") ? JsonFields.intValue(c, "warmup") : TrainingConfig.WARMUP);
    }

    private static SplitMix64.State generator(JsonElement e) {
        if (!e.isJsonArray() || e.getAsJsonArray().size() != 2) {
            throw new IllegalArgumentException("a generator state is not [seed, gamma]");
        }
        JsonArray a = e.getAsJsonArray();
        return new SplitMix64.State(JsonFields.longValue(a.get(0), "seed"), JsonFields.longValue(a.get(1), "gamma"));
    }

    private static TrainerState.Corpus corpus(JsonObject p, byte[] carried, CharModel model, int batch) {
        if (carried == null) throw new IllegalArgumentException("no '" + CARRIED + "' section");
        List<Integer> hidden = model.hiddenSizes();
        boolean cells = !model.initialState(1).cells().isEmpty();
        List<Long> lengths = new ArrayList<>();
        for (int copy = 0; copy < (cells ? 2 : 1); copy++) {
            for (int h : hidden) lengths.add((long) h * batch);
        }
        List<float[]> values = Floats.decode(carried, lengths);
        if (values == null) {
            throw new IllegalArgumentException("the carried state holds " + carried.length / Float.BYTES
                    + " values, the model at batch " + batch + " needs " + lengths.stream().mapToLong(Long::longValue).sum());
        }
        int layers = hidden.size();
        CorpusStreams.Cursor cursor = new CorpusStreams.Cursor(JsonFields.longValue(p, "epoch"),
                JsonFields.intValue(p, "offset"));
        return new TrainerState.Corpus(cursor, JsonFields.longValue(p, "chunkEpoch"), values.subList(0, layers),
                values.subList(layers, values.size()));
    }

    private static List<Metrics> history(String lines) {
        List<Metrics> out = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isEmpty()) continue;
            out.add(StrictJson.metrics(line));
        }
        return out;
    }
}
