package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The stacked vanilla RNN: {@code h_t = act(Wxh·in + Whh·h_{t−1} + bhh)} per layer, with ReLU as both seed
 * libraries use it (kind {@code rnn}) or tanh (kind {@code rnn-tanh}). Parameters per layer j:
 * {@code Wxh{j} Whh{j} bhh{j}}, then {@code Whd bd}.
 */
public final class Rnn extends StackedModel {
    /** The non-linearity of the hidden layers. */
    public enum Activation { RELU, TANH }

    private final Activation activation;
    private final Mat[] wxh;
    private final Mat[] whh;
    private final Mat[] bhh;

    /** A ReLU RNN. */
    public Rnn(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        this(inputSize, hiddenSizes, outputSize, Activation.RELU, init, rng);
    }

    public Rnn(int inputSize, List<Integer> hiddenSizes, int outputSize, Activation activation, Init init,
               RandomGenerator rng) {
        String kind = activation == Activation.TANH ? "rnn-tanh" : "rnn";
        List<Integer> sizes = checkSizes(kind, inputSize, hiddenSizes, outputSize, init, rng);
        if (activation == null) throw new IllegalArgumentException(kind + ": activation is required");
        int layers = sizes.size();
        List<Parameter> params = new ArrayList<>();
        this.activation = activation;
        Mat[] wxh = new Mat[layers];
        Mat[] whh = new Mat[layers];
        Mat[] bhh = new Mat[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            int in = j == 0 ? inputSize : sizes.get(j - 1);
            wxh[j] = weight(params, "Wxh" + j, new Mat(h, in), init, rng);
            whh[j] = weight(params, "Whh" + j, new Mat(h, h), init, rng);
            bhh[j] = bias(params, "bhh" + j, new Mat(h, 1));
        }
        this.wxh = wxh;
        this.whh = whh;
        this.bhh = bhh;
        super(kind, inputSize, sizes, outputSize, false, params, init, rng);
    }

    public Activation activation() {
        return activation;
    }

    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        for (int j = 0; j < wxh.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
            Mat pre = affine(g, wxh[j], in, whh[j], previous.hidden().get(j), bhh[j]);
            hidden[j] = activation == Activation.RELU ? g.relu(pre) : g.tanh(pre);
        }
    }

    @Override
    public boolean hasSequenceForm() {
        return true;
    }

    /** Per layer: one product for every step's input, the recurrence, then the decoder on every step. */
    @Override
    Mat sequence(Graph g, FirstProjection first, int batch, State initial, State last, Dropout dropout) {
        Mat in = null;
        for (int j = 0; j < wxh.length; j++) {
            Mat pre = j == 0 ? first.project(g, wxh[0], bhh[0]) : g.linearRows(dropout.apply(g, in), wxh[j], bhh[j]);
            in = g.rnnLayer(pre, whh[j], initial.hidden().get(j), batch, activation == Activation.RELU,
                    last == null ? null : last.hidden().get(j));
        }
        return decodeRows(g, in, dropout);
    }
}
