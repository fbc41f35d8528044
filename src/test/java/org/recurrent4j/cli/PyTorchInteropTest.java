package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * The interchange against PyTorch itself ({@code src/test/resources/pytorch/interop.py}, run by Debian's
 * {@code /usr/bin/python3} with {@code python3-torch}; skipped, with the reason, where either is missing). Every
 * supported PyTorch model (nn.LSTM, nn.GRU, nn.RNN tanh and relu; 1 and 2 layers; with and without bias;
 * batch_first either way; saved as F32, F16 or BF16 under varied module names) imports through the CLI to a model
 * whose per-character log-probabilities over the 319 predictions of {@code text.txt} are PyTorch's within 1e-4; and
 * every kind recurrent4j exports loads into torch.nn modules with {@code load_state_dict(strict=True)} and gives
 * the engine's log-probabilities within 1e-4.
 */
class PyTorchInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/resources/pytorch/interop.py");
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void pytorchModelsImportToTheSameLogProbabilities() throws Exception {
        python("make");
        JsonArray cases = read("expected.json").getAsJsonArray("cases");
        assertEquals(32, cases.size());
        String text = text();
        double worst = 0;
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            Path out = dir.resolve(name + ".r4j");
            List<String> args = new ArrayList<>(List.of("import", "--format", "safetensors",
                    dir.resolve(name + ".safetensors").toString(), "--vocab", dir.resolve(c.get("vocab").getAsString())
                            .toString(), "--out", out.toString()));
            if (c.get("relu").getAsBoolean()) args.addAll(List.of("--nonlinearity", "relu"));
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), name + ": " + r.err());
            CharModel m = ModelFile.load(out).model();
            double[] actual = logProbs(m, m.vocabulary().encode(text));
            worst = Math.max(worst, compare(doubles(c.getAsJsonArray("logprobs")), actual, name));
        }
        System.out.println("PyTorch models imported: largest |log p| difference " + worst);
    }

    @Test
    void exportsLoadStrictlyInPyTorchWithTheSameLogProbabilities() throws Exception {
        String text = text();
        JsonArray manifest = new JsonArray();
        Map<String, double[]> expected = new java.util.HashMap<>();
        int n = 0;
        for (ModelKind kind : List.of(ModelKind.LSTM, ModelKind.GRU_RESET_AFTER, ModelKind.RNN_TANH, ModelKind.RNN)) {
            for (int layers = 1; layers <= 2; layers++, n++) {
                Vocabulary v = n % 2 == 0 ? Vocabulary.fromText(text)
                        : Vocabulary.withoutStartEnd(Vocabulary.fromText(text).characters());
                SplittableRandom rng = new SplittableRandom(50 + n);
                CharModel m = CharModel.create(v, kind, java.util.Collections.nCopies(layers, 12), 6,
                        Init.gaussian(kind == ModelKind.RNN ? 0.2f : 0.4f), rng);
                for (Parameter p : m.parameters()) if (p.name().startsWith("b")) Init.gaussian(0.3f).fill(p.mat(), rng);
                String name = n + "-" + kind.id() + "-" + layers;
                Path model = dir.resolve(name + ".r4j");
                ModelFile.save(model, m, Map.of(), 0);
                Cli.Run r = Cli.run("export", "--format", "safetensors", "--model", model.toString(), "--out",
                        dir.resolve(name + ".safetensors").toString(), "--vocab", dir.resolve(name + ".json").toString());
                assertEquals(0, r.code(), name + ": " + r.err());
                expected.put(name, logProbs(m, v.encode(text)));
                JsonObject c = new JsonObject();
                c.addProperty("name", name);
                c.addProperty("file", name + ".safetensors");
                c.addProperty("vocab", name + ".json");
                c.addProperty("kind", kind.id());
                c.addProperty("layers", layers);
                c.addProperty("hidden", 12);
                c.addProperty("embed", 6);
                manifest.add(c);
            }
        }
        JsonObject exports = new JsonObject();
        exports.add("cases", manifest);
        Files.writeString(dir.resolve("exports.json"), exports.toString());
        python("load");
        JsonArray results = read("torch.json").getAsJsonArray("cases");
        assertEquals(expected.size(), results.size());
        double worst = 0;
        for (JsonElement e : results) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            worst = Math.max(worst, compare(expected.get(name), doubles(c.getAsJsonArray("logprobs")), name));
        }
        System.out.println("exports loaded in PyTorch: largest |log p| difference " + worst);
    }

    /** Runs the script; skips the test when python3 or torch is missing. */
    private void python(String command) throws IOException, InterruptedException {
        PythonRun r = python(List.of(SCRIPT.toString(), command, dir.toString()));
        Assumptions.assumeTrue(r.code() != 3, "PyTorch interop skipped: " + r.output().strip()
                + " (apt-get install python3-torch)");
        assertEquals(0, r.code(), "interop.py " + command + ": " + r.output());
    }

    /** A finished Python process: its exit code and its output (stdout and stderr together). */
    record PythonRun(int code, String output) {}

    /** Runs python3 with {@code args} (a script and its arguments) on one thread; skips the test without python3. */
    static PythonRun python(List<String> args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "PyTorch skipped: " + PYTHON + " is absent");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("python3 " + args + " did not finish: " + output);
        }
        return new PythonRun(p.exitValue(), output);
    }

    /** Why PyTorch cannot run ("" when it can), found once: importing torch takes seconds. */
    private static String noTorch;

    /** Skips the test, saying why, unless {@code /usr/bin/python3} can import torch. */
    static synchronized void assumeTorch() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "PyTorch skipped: " + PYTHON + " is absent");
        if (noTorch == null) {
            PythonRun r = python(List.of("-c", "import torch"));
            noTorch = r.code() == 0 ? "" : "PyTorch skipped: " + PYTHON + " cannot import torch ("
                    + r.output().strip().lines().reduce((x, y) -> y).orElse("") + "; apt-get install python3-torch)";
        }
        Assumptions.assumeTrue(noTorch.isEmpty(), noTorch);
    }

    private JsonObject read(String file) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(file))).getAsJsonObject();
    }

    private static String text() throws IOException {
        return Files.readString(SCRIPT.resolveSibling("text.txt"));
    }

    /** The largest difference, after asserting each is within the tolerance. */
    private static double compare(double[] expected, double[] actual, String name) {
        assertEquals(expected.length, actual.length, name);
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            double d = Math.abs(expected[t] - actual[t]);
            assertTrue(d <= TOLERANCE, name + ": log p of character " + (t + 1) + ": " + expected[t] + " vs "
                    + actual[t]);
            worst = Math.max(worst, d);
        }
        return worst;
    }

    static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsDouble();
        return out;
    }

    /** log p(text[t + 1] | text[..t]) for every t, stepping the model from the zero state. */
    private static double[] logProbs(CharModel model, int[] text) {
        Graph g = new Graph(false);
        State s = model.initialState(1);
        double[] out = new double[text.length - 1];
        for (int t = 0; t + 1 < text.length; t++) {
            s = model.forward(g, text[t], s);
            Mat y = s.output();
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < y.rows; i++) max = Math.max(max, y.get(i, 0));
            double sum = 0;
            for (int i = 0; i < y.rows; i++) sum += Math.exp(y.get(i, 0) - max);
            out[t] = y.get(text[t + 1], 0) - max - Math.log(sum);
        }
        return out;
    }
}
