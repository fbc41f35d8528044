package org.recurrent4j.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent4j.io.SafetensorsFile.Tensor;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;

/**
 * The tensors of a {@link CharModel} as the state dict of the PyTorch modules that compute it:
 * {@code nn.Embedding(V, E)}, {@code nn.LSTM}, {@code nn.GRU} or {@code nn.RNN} of L layers of H units (bias=True),
 * {@code nn.Linear(H, V)}, with V the model's rows (START/END included when it has it). Each gate's bias goes to
 * {@code bias_ih} and {@code bias_hh} is zero, except the GRU candidate's recurrent bias, which has its own place.
 */
final class TorchExport {
    private TorchExport() {}

    /**
     * The tensors, embedding first, under {@code names}.
     *
     * @throws IllegalArgumentException saying why, for a kind PyTorch has no module for, layers of unequal sizes,
     *     or module names that make two tensors' names equal
     */
    static List<Tensor> tensors(CharModel model, ModuleNames names) {
        ModelKind kind = ModelKind.of(model.kind());
        check(model, kind);
        Map<String, Mat> params = new HashMap<>();
        for (Parameter p : model.parameters()) params.put(p.name(), p.mat());
        String[] gates = TorchGates.gates(kind);
        int h = model.hiddenSizes().getFirst();
        String rnn = ModuleNames.prefix(names.rnn());
        List<Tensor> out = new ArrayList<>();
        out.add(matrix(ModuleNames.prefix(names.embedding()) + "weight", params.get("Wil")));
        for (int j = 0; j < model.hiddenSizes().size(); j++) {
            int in = j == 0 ? model.letterSize() : h;
            float[] ih = new float[gates.length * h * in];
            float[] hh = new float[gates.length * h * h];
            float[] bih = new float[gates.length * h];
            float[] bhh = new float[gates.length * h];
            for (int k = 0; k < gates.length; k++) {
                String g = gates[k];
                put(params.get(TorchGates.inputWeight(g, j)), ih, k);
                put(params.get(TorchGates.recurrentWeight(g, j)), hh, k);
                put(params.get(TorchGates.bias(g, j)), bih, k);
                String apart = TorchGates.recurrentBias(g, j);
                if (apart != null) put(params.get(apart), bhh, k);
            }
            long rows = (long) gates.length * h;
            out.add(new Tensor(rnn + "weight_ih_l" + j, new long[] {rows, in}, ih));
            out.add(new Tensor(rnn + "weight_hh_l" + j, new long[] {rows, h}, hh));
            out.add(new Tensor(rnn + "bias_ih_l" + j, new long[] {rows}, bih));
            out.add(new Tensor(rnn + "bias_hh_l" + j, new long[] {rows}, bhh));
        }
        String decoder = ModuleNames.prefix(names.decoder());
        out.add(matrix(decoder + "weight", params.get("Whd")));
        Mat bd = params.get("bd");
        out.add(new Tensor(decoder + "bias", new long[] {bd.rows}, values(bd)));
        Set<String> seen = new HashSet<>();
        for (Tensor t : out) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("two tensors would both be named " + t.name() + "; give the "
                        + "embedding, the recurrent module and the decoder different names");
            }
        }
        return out;
    }

    /** What a PyTorch user needs to rebuild the modules, as the file's metadata (strings, as the format wants). */
    static Map<String, String> metadata(CharModel model, ModuleNames names) {
        ModelKind kind = ModelKind.of(model.kind());
        int rows = model.embedding().rows;
        int h = model.hiddenSizes().getFirst();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("recurrent4j.kind", kind.id());
        m.put("modules", names.embedding() + "=nn.Embedding(" + rows + ", " + model.letterSize() + "); " + names.rnn()
                + "=" + TorchGates.module(kind) + "(" + model.letterSize() + ", " + h + ", num_layers="
                + model.hiddenSizes().size() + (kind == ModelKind.RNN ? ", nonlinearity='relu'" : "") + "); "
                + names.decoder() + "=nn.Linear(" + h + ", " + rows + ")");
        return m;
    }

    private static void check(CharModel model, ModelKind kind) {
        if (kind == ModelKind.GRU) {
            throw new IllegalArgumentException("a model of kind gru cannot go to PyTorch: it applies the reset gate "
                    + "before the recurrent product, and nn.GRU applies it after; train with --model gru-reset-after "
                    + "for a GRU that PyTorch runs");
        }
        if (!TorchGates.exportable(kind)) {
            throw new IllegalArgumentException("a model of kind " + kind + " cannot go to PyTorch: torch.nn has no "
                    + "gated-feedback module (each layer reads every layer's previous state through learned gates); "
                    + "rnn, rnn-tanh, lstm and gru-reset-after can");
        }
        if (model.hiddenSizes().stream().distinct().count() > 1) {
            throw new IllegalArgumentException("the layers have sizes " + model.hiddenSizes() + ", and "
                    + TorchGates.module(kind) + " gives every layer the same hidden_size");
        }
    }

    private static Tensor matrix(String name, Mat m) {
        return new Tensor(name, new long[] {m.rows, m.cols}, values(m));
    }

    /** Puts {@code m}'s values as row block {@code k} of the stacked array {@code into}. */
    private static void put(Mat m, float[] into, int k) {
        System.arraycopy(m.w, m.offset, into, k * m.size(), m.size());
    }

    private static float[] values(Mat m) {
        return java.util.Arrays.copyOfRange(m.w, m.offset, m.offset + m.size());
    }
}
