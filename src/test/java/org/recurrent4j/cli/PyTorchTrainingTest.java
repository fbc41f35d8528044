package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * {@code benchmarks/peers/torch_train.py}, the PyTorch peer that the speed and quality benchmarks run against
 * {@code train --data}, trains the same function: from the same weights (the engine's model exported as
 * safetensors and given to the script with {@code --init-from}), on the same short text, with 2 streams of 5
 * characters, clipping that cuts, a weight decay that counts and the learning-rate schedule (a warm-up of 4 steps,
 * the rate halved at the end of every epoch), the two runs' training losses agree step by step within 1e-5 relative
 * over 12 steps (3 epochs: the streams wrap and the carried state is reset twice), as do the rates and epochs, the
 * validation loss and the weights after the last step. Skipped, with the reason, without Python or torch (as
 * {@link PyTorchInteropTest}).
 */
class PyTorchTrainingTest {
    private static final Path SCRIPT = Path.of("benchmarks/peers/torch_train.py");
    private static final int STEPS = 12;
    private static final double LOSS_TOLERANCE = 1e-5;
    private static final double WEIGHT_TOLERANCE = 1e-4;
    /** 53 characters: a training split of 50, whose 2 segments of 25 start at 0 and 25 (⌊(L − 1)/B⌋ = 24 does not). */
    private static final String EVEN = "The quick brown fox jumps over the lazy dog, twice!!\n";
    /** 54 characters: a split of 51, segments of 25, an epoch of ⌊(25 − 1)/5⌋ = 4 chunks (⌊25/5⌋ = 5 is one too many). */
    private static final String ODD = "Pack my box with five dozen liquor jugs, then stop it\n";
    /** Both tools' options for the run; the clip cuts some gradient elements and the decay moves the weights. */
    private static final List<String> RECIPE = List.of("--batch", "2", "--seq", "5", "--steps", String.valueOf(STEPS),
            "--report-every", "1", "--val-every", String.valueOf(STEPS), "--lr", "0.002", "--clip", "0.02",
            "--regc", "1e-3");

    @TempDir
    Path dir;

    @Test
    void lstmTrainsAlike() throws Exception {
        sameRun(ModelKind.LSTM, EVEN);
    }

    @Test
    void gruResetAfterTrainsAlike() throws Exception {
        sameRun(ModelKind.GRU_RESET_AFTER, ODD);
    }

    @Test
    void reluRnnTrainsAlike() throws Exception {
        sameRun(ModelKind.RNN, EVEN);
    }

    /** Trains a 2 × 8 model of {@code kind} (embedding 4) on {@code text} with both tools and compares the runs. */
    private void sameRun(ModelKind kind, String text) throws Exception {
        PyTorchInteropTest.assumeTorch();
        Path data = dir.resolve("text.txt");
        Files.writeString(data, text);
        SplittableRandom rng = new SplittableRandom(11);
        CharModel start = CharModel.create(Vocabulary.fromText(text), kind, List.of(8, 8), 4, Init.uniform(0.5f),
                rng);
        for (Parameter p : start.parameters()) if (p.name().startsWith("b")) Init.uniform(0.2f).fill(p.mat(), rng);
        Path model = dir.resolve("start.r4j");
        ModelFile.save(model, start, Map.of(), 0);
        Path weights = dir.resolve("start.safetensors");
        Path vocab = dir.resolve("vocab.json");
        ok(Cli.run("export", "--format", "safetensors", "--model", model.toString(), "--out", weights.toString(),
                "--vocab", vocab.toString()));

        Path engineMetrics = dir.resolve("engine.jsonl");
        Path engineOut = dir.resolve("engine.r4j");
        ok(Cli.run(args(List.of("train", "--data", data.toString(), "--init-from", model.toString(), "--threads", "1",
                "--warmup", "4", "--lr-decay", "0.5", "--lr-decay-after", "1",
                "--sample-every", "0", "--save-every", "0", "--quiet", "--metrics", engineMetrics.toString(),
                "--out", engineOut.toString()))));

        Path torchMetrics = dir.resolve("torch.jsonl");
        Path torchOut = dir.resolve("torch.safetensors");
        List<String> script = List.of(SCRIPT.toString(), "--data", data.toString(), "--init-from", weights.toString(),
                "--vocab", vocab.toString(), "--warmup", "0", "--lr-warmup", "4", "--lr-decay", "0.5", "--lr-decay-after",
                "1", "--metrics", torchMetrics.toString(), "--save",
                torchOut.toString());
        PyTorchInteropTest.PythonRun r = PyTorchInteropTest.python(List.of(args(script)));
        assertEquals(0, r.code(), "torch_train.py: " + r.output());
        Path torchModel = dir.resolve("torch.r4j");
        ok(Cli.run("import", "--format", "safetensors", torchOut.toString(), "--vocab", vocab.toString(), "--out",
                torchModel.toString()));

        List<JsonObject> engine = lines(engineMetrics);
        List<JsonObject> torch = lines(torchMetrics);
        assertEquals(STEPS, engine.size(), "engine metrics lines");
        assertEquals(STEPS, torch.size(), "torch_train.py metrics lines");
        double worst = 0;
        for (int s = 0; s < STEPS; s++) {
            JsonObject e = engine.get(s);
            JsonObject t = torch.get(s);
            String at = kind.id() + " step " + (s + 1);
            assertEquals(s + 1, e.get("step").getAsInt(), at);
            assertEquals(s + 1, t.get("step").getAsInt(), at);
            assertEquals(e.get("epoch").getAsDouble(), t.get("epoch").getAsDouble(), 1e-12, at + ": epoch");
            assertEquals(e.get("learningRate").getAsDouble(), t.get("learningRate").getAsDouble(), 1e-9, at);
            worst = Math.max(worst, relative(e, t, "loss", at));
        }
        worst = Math.max(worst, relative(engine.get(STEPS - 1), torch.get(STEPS - 1), "valLoss", kind.id()));

        List<Parameter> trained = ModelFile.load(engineOut).model().parameters();
        List<Parameter> peer = ModelFile.load(torchModel).model().parameters();
        assertEquals(trained.size(), peer.size());
        double moved = 0;
        double apart = 0;
        for (int i = 0; i < trained.size(); i++) {
            Parameter a = trained.get(i);
            Parameter b = peer.get(i);
            assertEquals(a.name(), b.name());
            float[] before = values(start.parameters().get(i).mat());
            float[] x = values(a.mat());
            float[] y = values(b.mat());
            assertEquals(x.length, y.length, a.name());
            for (int k = 0; k < x.length; k++) {
                assertTrue(Math.abs(x[k] - y[k]) <= WEIGHT_TOLERANCE, kind.id() + ": " + a.name() + "[" + k + "] "
                        + x[k] + " (engine) vs " + y[k] + " (PyTorch), from " + before[k]);
                apart = Math.max(apart, Math.abs(x[k] - y[k]));
                moved = Math.max(moved, Math.abs(x[k] - before[k]));
            }
        }
        assertTrue(moved > 100 * WEIGHT_TOLERANCE, "the weights moved by at most " + moved);
        System.out.printf("PyTorch peer, %s: losses within %.2g relative, weights within %.2g (moved up to %.3f)%n",
                kind.id(), worst, apart, moved);
    }

    private static String[] args(List<String> command) {
        return java.util.stream.Stream.concat(command.stream(), RECIPE.stream()).toArray(String[]::new);
    }

    private static float[] values(Mat m) {
        return Arrays.copyOfRange(m.w, m.offset, m.offset + m.size());
    }

    private static void ok(Cli.Run r) {
        assertEquals(0, r.code(), r.err());
    }

    private static List<JsonObject> lines(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    /** The relative difference of {@code key} in the two lines, after asserting it is within the tolerance. */
    private static double relative(JsonObject engine, JsonObject torch, String key, String at) {
        double e = engine.get(key).getAsDouble();
        double t = torch.get(key).getAsDouble();
        double d = Math.abs(e - t) / Math.abs(e);
        assertTrue(d <= LOSS_TOLERANCE, at + ": " + key + " " + e + " (engine) vs " + t + " (PyTorch)");
        return d;
    }
}
