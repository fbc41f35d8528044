package org.recurrent4j.model;

import java.util.ArrayList;
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

    /**
     * The shapes (rows, columns) of the parameters a model of this kind has, in its order, worked out in long
     * arithmetic without building it: sizes too large to allocate can be refused before anything is allocated.
     */
    public List<long[]> parameterShapes(long inputSize, List<Integer> hiddenSizes, long outputSize) {
        List<long[]> shapes = new ArrayList<>();
        long stacked = hiddenSizes.stream().mapToLong(Integer::longValue).sum();
        for (int j = 0; j < hiddenSizes.size(); j++) {
            long h = hiddenSizes.get(j);
            long in = j == 0 ? inputSize : hiddenSizes.get(j - 1);
            int gates = switch (this) {
                case RNN, RNN_TANH -> 1;
                case LSTM -> 4;
                case GRU, GRU_RESET_AFTER -> 3;
                case GF_RNN, GF_RNN_SCALAR -> 0;
                case GF_GRU, GF_GRU_SCALAR -> 2;
                case GF_LSTM, GF_LSTM_SCALAR -> 3;
            };
            for (int k = 0; k < gates; k++) shapes.addAll(List.of(new long[] {h, in}, new long[] {h, h}, new long[] {h, 1}));
            if (this == GRU_RESET_AFTER) shapes.add(new long[] {h, 1}); // bnh, the candidate's recurrent bias
            if (feedbackGate() != null) {
                long g = feedbackGate() == FeedbackGate.VECTOR ? h : 1;
                shapes.add(new long[] {h, in});
                for (Integer hi : hiddenSizes) shapes.add(new long[] {h, hi});
                shapes.add(new long[] {h, 1});
                for (int i = 0; i < hiddenSizes.size(); i++) {
                    shapes.addAll(List.of(new long[] {g, in}, new long[] {g, stacked}, new long[] {g, 1}));
                }
            }
        }
        shapes.add(new long[] {outputSize, hiddenSizes.getLast()});
        shapes.add(new long[] {outputSize, 1});
        return shapes;
    }

    /**
     * About how many values one step of a model of this kind writes per batch column (the outputs of its ops,
     * the decoder's included): the buffers a graph keeps for each time step of a sequence. An estimate for memory
     * planning, within a small factor of what the graph holds.
     */
    public long stepValues(long inputSize, List<Integer> hiddenSizes, long outputSize) {
        long layers = hiddenSizes.size();
        long values = 2 * outputSize;
        if (feedbackGate() != null && layers > 1) values += hiddenSizes.stream().mapToLong(Integer::longValue).sum();
        for (Integer size : hiddenSizes) {
            long h = size;
            values += switch (this) {
                case RNN, RNN_TANH -> 4 * h;
                case LSTM -> 14 * h;
                case GRU -> 18 * h;
                case GRU_RESET_AFTER -> 19 * h;
                case GF_RNN, GF_RNN_SCALAR -> 3 * h;
                case GF_GRU, GF_GRU_SCALAR, GF_LSTM, GF_LSTM_SCALAR -> 17 * h;
            };
            if (feedbackGate() != null) {
                long g = feedbackGate() == FeedbackGate.VECTOR ? h : 1;
                values += 4 * layers * g + layers * (feedbackGate() == FeedbackGate.SCALAR ? 4 * h : 3 * h);
            }
        }
        return values;
    }

    /** Whether a model of this kind trains a whole sequence at once (see {@code RecurrentModel.forwardSequence}). */
    public boolean hasSequenceForm() {
        return this == LSTM || this == GRU || this == RNN || this == RNN_TANH;
    }

    /**
     * The values the whole-sequence form keeps per column and step, gradients included: per layer the input
     * projection and its gradient, the layer's working copy of the gates and their gradients and its states
     * (LSTM 20·h, GRU 15·h, RNN 6·h), then the decoder's logits and their gradients.
     */
    public long sequenceStepValues(List<Integer> hiddenSizes, long outputSize) {
        long values = 2 * outputSize;
        for (Integer size : hiddenSizes) {
            values += switch (this) {
                case LSTM -> 20L * size;
                case GRU -> 15L * size;
                default -> 6L * size;
            };
        }
        return values;
    }

    /** The gated-feedback kinds' gate, null for the others. */
    private FeedbackGate feedbackGate() {
        return switch (this) {
            case GF_RNN, GF_GRU, GF_LSTM -> FeedbackGate.VECTOR;
            case GF_RNN_SCALAR, GF_GRU_SCALAR, GF_LSTM_SCALAR -> FeedbackGate.SCALAR;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
