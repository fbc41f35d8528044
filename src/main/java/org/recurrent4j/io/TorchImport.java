package org.recurrent4j.io;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.Rnn;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * Builds a {@link CharModel} from the tensors of a PyTorch character model ({@link TorchLayout}): the embedding
 * becomes {@code Wil}, the Linear {@code Whd bd}, and each layer's stacked gate blocks the engine's named gate
 * matrices ({@link TorchGates}); each gate's two biases are summed, the GRU candidate's kept apart.
 */
final class TorchImport {
    private TorchImport() {}

    /** The model kind of a layout: the gate count says which module; an RNN's non-linearity is given. */
    static ModelKind kind(TorchLayout layout, Rnn.Activation activation) {
        return switch (layout.gates()) {
            case 4 -> ModelKind.LSTM;
            case 3 -> ModelKind.GRU_RESET_AFTER;
            default -> activation == Rnn.Activation.RELU ? ModelKind.RNN : ModelKind.RNN_TANH;
        };
    }

    static CharModel build(TorchLayout layout, ModelKind kind, Vocabulary vocabulary) {
        int h = layout.hidden();
        CharModel model = CharModel.create(vocabulary, kind, Collections.nCopies(layout.layers(), h),
                layout.letterSize(), Init.uniform(0f), new SplittableRandom(0)); // every value is overwritten
        Map<String, Mat> params = new HashMap<>();
        for (Parameter p : model.parameters()) params.put(p.name(), p.mat());
        copy(layout.embedding().values(), 0, params.get("Wil"));
        copy(layout.decoderWeight().values(), 0, params.get("Whd"));
        if (layout.decoderBias() != null) copy(layout.decoderBias().values(), 0, params.get("bd"));
        String[] gates = TorchGates.gates(kind);
        for (int j = 0; j < layout.layers(); j++) {
            for (int k = 0; k < gates.length; k++) {
                String g = gates[k];
                Mat wx = params.get(TorchGates.inputWeight(g, j));
                Mat wh = params.get(TorchGates.recurrentWeight(g, j));
                copy(layout.weightIh()[j].values(), k * wx.size(), wx);
                copy(layout.weightHh()[j].values(), k * wh.size(), wh);
                if (!layout.biases()) continue;
                Mat b = params.get(TorchGates.bias(g, j));
                float[] bih = layout.biasIh()[j].values();
                float[] bhh = layout.biasHh()[j].values();
                String apart = TorchGates.recurrentBias(g, j);
                for (int r = 0; r < h; r++) {
                    b.w[b.offset + r] = bih[k * h + r] + (apart == null ? bhh[k * h + r] : 0f);
                }
                if (apart != null) copy(bhh, k * h, params.get(apart));
            }
        }
        return model;
    }

    /** Fills {@code to} with the values of {@code from} from {@code offset}, in its row-major order. */
    private static void copy(float[] from, int offset, Mat to) {
        System.arraycopy(from, offset, to.w, to.offset, to.size());
    }
}
