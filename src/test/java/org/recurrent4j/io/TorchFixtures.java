package org.recurrent4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.io.SafetensorsFile.Tensor;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;

/**
 * PyTorch character models as state dicts built in Java (the tensors {@code torch.nn} modules hold, in their
 * layout), safetensors files of them in F32, F16 or BF16, and the modules' equations computed from the raw
 * stacked tensors in double precision, as {@code torch.nn.LSTM}, {@code GRU} and {@code RNN} document them: an
 * oracle for the import that shares no code with it.
 */
final class TorchFixtures {
    private TorchFixtures() {}

    /** A model: gates 4 (LSTM), 3 (GRU) or 1 (RNN), sizes, biases, the modules' names. */
    record Config(int gates, boolean relu, int layers, int hidden, int embed, int vocab, boolean bias,
                  String embedding, String rnn, String decoder) {
        Config named(String e, String r, String d) {
            return new Config(gates, relu, layers, hidden, embed, vocab, bias, e, r, d);
        }
    }

    static Config lstm() {
        return new Config(4, false, 2, 6, 5, 9, true, "embed", "rnn", "fc");
    }

    /**
     * The state dict of {@code c}, values uniform on ±0.6 rounded to multiples of 2^-10 (exact in F16 and, below
     * 0.5, close in BF16), embedding first as {@code state_dict()} orders it.
     */
    static List<Tensor> stateDict(Config c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Tensor> out = new ArrayList<>();
        out.add(random(prefix(c.embedding()) + "weight", rng, c.vocab(), c.embed()));
        int rows = c.gates() * c.hidden();
        for (int k = 0; k < c.layers(); k++) {
            String r = prefix(c.rnn());
            out.add(random(r + "weight_ih_l" + k, rng, rows, k == 0 ? c.embed() : c.hidden()));
            out.add(random(r + "weight_hh_l" + k, rng, rows, c.hidden()));
            if (c.bias()) {
                out.add(random(r + "bias_ih_l" + k, rng, rows));
                out.add(random(r + "bias_hh_l" + k, rng, rows));
            }
        }
        out.add(random(prefix(c.decoder()) + "weight", rng, c.vocab(), c.hidden()));
        out.add(random(prefix(c.decoder()) + "bias", rng, c.vocab()));
        return out;
    }

    static String prefix(String module) {
        return module.isEmpty() ? "" : module + ".";
    }

    static Tensor random(String name, SplittableRandom rng, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = Math.round((rng.nextDouble() * 2 - 1) * 0.6 * 1024) / 1024f;
        return new Tensor(name, shape, v);
    }

    static Tensor find(List<Tensor> tensors, String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** A safetensors file of {@code tensors} in {@code dtype} (F32, F16 or BF16, the latter truncated). */
    static byte[] file(List<Tensor> tensors, String dtype, Map<String, String> metadata) {
        if (dtype.equals("F32")) return SafetensorsFile.encode(tensors, metadata);
        int width = 2;
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Tensor t : tensors) {
            long bytes = (long) t.values().length * width;
            header.append(header.length() > 1 ? "," : "").append('"').append(t.name()).append("\":{\"dtype\":\"")
                    .append(dtype).append("\",\"shape\":").append(java.util.Arrays.toString(t.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        ByteBuffer data = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            for (float v : t.values()) {
                data.putShort(dtype.equals("F16") ? Float.floatToFloat16(v) : (short) (Float.floatToIntBits(v) >>> 16));
            }
        }
        return raw(header.append('}').toString(), data.array());
    }

    /** 8-byte little-endian length, the header text as given, then {@code data}. */
    static byte[] raw(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return out.putLong(h.length).put(h).put(data).array();
    }

    /**
     * Per character of {@code text} after the first, log p(text[t + 1] | text[0..t]) under the modules' documented
     * equations, from the zero state, in double precision.
     */
    static double[] logProbs(Config c, List<Tensor> dict, int[] text) {
        int h = c.hidden();
        double[][] hidden = new double[c.layers()][h];
        double[][] cell = new double[c.layers()][h];
        double[] out = new double[text.length - 1];
        String r = prefix(c.rnn());
        for (int t = 0; t + 1 < text.length; t++) {
            double[] x = row(find(dict, prefix(c.embedding()) + "weight"), text[t]);
            for (int k = 0; k < c.layers(); k++) {
                double[] gi = affine(find(dict, r + "weight_ih_l" + k), x, c.bias() ? find(dict, r + "bias_ih_l" + k) : null);
                double[] gh = affine(find(dict, r + "weight_hh_l" + k), hidden[k], c.bias() ? find(dict, r + "bias_hh_l" + k) : null);
                double[] next = new double[h];
                for (int u = 0; u < h; u++) {
                    switch (c.gates()) {
                        case 4 -> { // i, f, g, o
                            double i = sigmoid(gi[u] + gh[u]), f = sigmoid(gi[h + u] + gh[h + u]);
                            double g = Math.tanh(gi[2 * h + u] + gh[2 * h + u]), o = sigmoid(gi[3 * h + u] + gh[3 * h + u]);
                            cell[k][u] = f * cell[k][u] + i * g;
                            next[u] = o * Math.tanh(cell[k][u]);
                        }
                        case 3 -> { // r, z, n: the reset gate applied after the recurrent product
                            double rg = sigmoid(gi[u] + gh[u]), z = sigmoid(gi[h + u] + gh[h + u]);
                            double n = Math.tanh(gi[2 * h + u] + rg * gh[2 * h + u]);
                            next[u] = (1 - z) * n + z * hidden[k][u];
                        }
                        default -> next[u] = c.relu() ? Math.max(0, gi[u] + gh[u]) : Math.tanh(gi[u] + gh[u]);
                    }
                }
                hidden[k] = next;
                x = next;
            }
            double[] logits = affine(find(dict, prefix(c.decoder()) + "weight"), x, find(dict, prefix(c.decoder()) + "bias"));
            double max = java.util.Arrays.stream(logits).max().orElseThrow();
            double sum = 0;
            for (double l : logits) sum += Math.exp(l - max);
            out[t] = logits[text[t + 1]] - max - Math.log(sum);
        }
        return out;
    }

    /** The same from an imported model, stepping it one character at a time from the zero state. */
    static double[] logProbs(CharModel model, int[] text) {
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

    private static double[] row(Tensor m, int i) {
        int cols = (int) m.shape()[1];
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) out[j] = m.values()[i * cols + j];
        return out;
    }

    private static double[] affine(Tensor w, double[] x, Tensor b) {
        int rows = (int) w.shape()[0], cols = (int) w.shape()[1];
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = b == null ? 0 : b.values()[i];
            for (int j = 0; j < cols; j++) s += w.values()[i * cols + j] * x[j];
            out[i] = s;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
