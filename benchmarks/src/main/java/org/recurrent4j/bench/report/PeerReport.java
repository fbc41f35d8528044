package org.recurrent4j.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's section on training against PyTorch: for each profile with a {@code peers.json}
 * ({@code benchmarks/run.sh peers}), the speeds of both sides, their ratio, the engine's end-to-end GFLOPS and
 * fraction of the FMA roof, and, where it was measured, where a training step's time goes.
 */
final class PeerReport {
    private PeerReport() {}

    static void append(StringBuilder md, Path dir) throws IOException {
        List<Path> files;
        try (var dirs = Files.list(dir)) {
            files = dirs.map(d -> d.resolve("peers.json")).filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) return;
        md.append("## Training against PyTorch\n\n")
                .append("`benchmarks/run.sh peers` trains each configuration with `recurrent4j train` and with the ")
                .append("same recipe in PyTorch (`benchmarks/peers/torch_train.py`: embedding, recurrent layers, ")
                .append("linear decoder, the seed's RMSProp with clipping, the same batch and sequence length), the ")
                .append("two alternately on one machine; corpus mode reads tinyshakespeare (E = 64, B = 50, T = 50), ")
                .append("the seed demo reads its sentences at batch 1. Speeds are characters predicted per second in ")
                .append("training steps (median and range of the runs); the ratio is recurrent4j ÷ PyTorch, the ")
                .append("median of the runs' pairs and their range. GFLOPS count the products' multiply-adds of a ")
                .append("dense step (forward, input and weight gradients), and the roof fraction divides by the FMA ")
                .append("peak of the cores used.\n\n");
        for (Path f : files) {
            JsonObject o = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            JsonObject first = o.getAsJsonArray("configs").get(0).getAsJsonObject();
            md.append("### ").append(f.getParent().getFileName()).append("\n\n")
                    .append(String.format(Locale.ROOT, "%s runs of %s s a side, %s; PyTorch %s on %s (optimizer: %s), "
                                    + "OPENBLAS_CORETYPE=%s; FMA roof %.1f GFLOPS a core; commit %s.%n%n",
                            o.get("reps").getAsString(), o.get("secondsPerRun").getAsString(),
                            o.get("date").getAsString().substring(0, 10), str(first, "torchVersion"),
                            str(first, "torchBlas"), str(first, "torchOptimizer"), str(o, "openblasCoretype"),
                            o.get("roofGflops").getAsDouble(), abbreviate(str(o, "gitCommit"))))
                    .append("| configuration | threads | recurrent4j chars/s | PyTorch chars/s | ratio | GFLOPS | ")
                    .append("of the roof |\n|---|---|---|---|---|---|---|\n");
            for (JsonElement e : o.getAsJsonArray("configs")) {
                JsonObject c = e.getAsJsonObject();
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.1f | %.0f%% |%n", label(c),
                        c.get("threads").getAsInt(), speed(c.getAsJsonObject("recurrent4j")),
                        speed(c.getAsJsonObject("pytorch")), ratio(c.getAsJsonObject("ratio")),
                        c.get("recurrent4jGflops").getAsDouble(), 100 * c.get("roofFraction").getAsDouble()));
            }
            md.append('\n');
            breakdowns(md, o);
            inference(md, o);
        }
    }

    private static void inference(StringBuilder md, JsonObject o) {
        if (!o.has("inference") || o.getAsJsonArray("inference").isEmpty()) return;
        md.append("Inference on one thread: scoring B streams of text in chunks of 50 with two layers, embedding 64 ")
                .append("and 65 characters, random weights (the JMH `InferenceBenchmark` against ")
                .append("`benchmarks/peers/torch_infer.py`, which runs each chunk as one call of the PyTorch module):")
                .append("\n\n| model | B | recurrent4j chars/s | PyTorch chars/s | ratio |\n|---|---|---|---|---|\n");
        for (JsonElement e : o.getAsJsonArray("inference")) {
            JsonObject c = e.getAsJsonObject();
            String kind = c.get("kind").getAsString().equals("lstm") ? "LSTM" : "GRU (reset after)";
            md.append(String.format(Locale.ROOT, "| %s 2 × %d | %d | %s | %s | %s |%n", kind,
                    c.get("hidden").getAsInt(), c.get("batch").getAsInt(), speed(c.getAsJsonObject("recurrent4j")),
                    speed(c.getAsJsonObject("pytorch")), ratio(c.getAsJsonObject("ratio"))));
        }
        md.append('\n');
    }

    private static void breakdowns(StringBuilder md, JsonObject o) {
        List<JsonObject> with = o.getAsJsonArray("configs").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(c -> c.has("breakdown")).toList();
        if (with.isEmpty()) return;
        List<String> parts = with.getFirst().getAsJsonObject("breakdown").getAsJsonObject("shares").keySet().stream()
                .toList();
        md.append("Where a training step's time goes (share of the JFR execution samples inside the engine, one ")
                .append("more run of each configuration with `--breakdown`):\n\n| configuration |");
        for (String p : parts) md.append(' ').append(p).append(" |");
        md.append("\n|---|").append("---|".repeat(parts.size())).append('\n');
        for (JsonObject c : with) {
            JsonObject shares = c.getAsJsonObject("breakdown").getAsJsonObject("shares");
            md.append("| ").append(label(c)).append(" (").append(c.get("threads").getAsInt()).append(" thr.) |");
            for (String p : parts) {
                md.append(String.format(Locale.ROOT, " %.0f%% |", 100 * shares.get(p).getAsDouble()));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String label(JsonObject c) {
        if (!c.get("corpus").getAsBoolean()) return "seed demo (sentences, LSTM 2 × 20, E = 5, B = 1)";
        Map<String, String> kinds = Map.of("lstm", "LSTM", "gru", "GRU", "rnn-tanh", "tanh RNN", "rnn", "ReLU RNN");
        return kinds.getOrDefault(c.get("kind").getAsString(), c.get("kind").getAsString()) + " "
                + c.get("layers").getAsInt() + " × " + c.get("hidden").getAsInt();
    }

    private static String speed(JsonObject s) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.get("median").getAsDouble(),
                s.get("min").getAsDouble(), s.get("max").getAsDouble());
    }

    private static String ratio(JsonObject s) {
        return String.format(Locale.ROOT, "**%.2f×** (%.2f–%.2f)", s.get("median").getAsDouble(),
                s.get("min").getAsDouble(), s.get("max").getAsDouble());
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "unset";
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
