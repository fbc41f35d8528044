package org.recurrent4j.model;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The model kinds by the names the CLI and checkpoints use. The six base names (rnn, lstm, gru, gf-rnn, gf-gru,
 * gf-lstm) give the seed's defaults: a ReLU RNN and vector feedback gates; {@code rnn-tanh} and the
 * {@code -scalar} gated-feedback kinds give the other options, and {@code gru-reset-after} is the GRU of PyTorch,
 * cuDNN and Keras. {@code ModelKind.of(m.kind())} rebuilds the architecture of any model {@code m}.
 */
public enum ModelKind {
    RNN("rnn", (p, h, o, init, rng) -> new Rnn(p, h, o, Rnn.Activation.RELU, init, rng)),
    RNN_TANH("rnn-tanh", (p, h, o, init, rng) -> new Rnn(p, h, o, Rnn.Activation.TANH, init, rng)),
    LSTM("lstm", Lstm::new),
    GRU("gru", Gru::new),
    GRU_RESET_AFTER("gru-reset-after", GruResetAfter::new),
    GF_RNN("gf-rnn", (p, h, o, init, rng) -> new GfRnn(p, h, o, FeedbackGate.VECTOR, init, rng)),
    GF_RNN_SCALAR("gf-rnn-scalar", (p, h, o, init, rng) -> new GfRnn(p, h, o, FeedbackGate.SCALAR, init, rng)),
    GF_GRU("gf-gru", (p, h, o, init, rng) -> new GfGru(p, h, o, FeedbackGate.VECTOR, init, rng)),
    GF_GRU_SCALAR("gf-gru-scalar", (p, h, o, init, rng) -> new GfGru(p, h, o, FeedbackGate.SCALAR, init, rng)),
    GF_LSTM("gf-lstm", (p, h, o, init, rng) -> new GfLstm(p, h, o, FeedbackGate.VECTOR, init, rng)),
    GF_LSTM_SCALAR("gf-lstm-scalar", (p, h, o, init, rng) -> new GfLstm(p, h, o, FeedbackGate.SCALAR, init, rng));

    private interface Factory {
        RecurrentModel create(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init,
                              RandomGenerator rng);
    }

    private final String id;
    private final Factory factory;

    ModelKind(String id, Factory factory) {
        this.id = id;
        this.factory = factory;
    }

    /** The name, e.g. {@code gf-lstm}; equal to {@link RecurrentModel#kind()} of the models this kind creates. */
    public String id() {
        return id;
    }

    /** The kind named {@code name}; throws IllegalArgumentException listing the valid names otherwise. */
    public static ModelKind of(String name) {
        for (ModelKind k : values()) {
            if (k.id.equals(name)) return k;
        }
        throw new IllegalArgumentException("unknown model kind '" + name + "', expected one of " + ids());
    }

    /** Every name, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ModelKind::id).toList();
    }

    /** A new model of this kind with freshly drawn weights and zero biases. */
    public RecurrentModel create(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init,
                                 RandomGenerator rng) {
        return factory.create(inputSize, hiddenSizes, outputSize, init, rng);
    }

    @Override
    public String toString() {
        return id;
    }
}
