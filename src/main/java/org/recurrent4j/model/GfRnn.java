package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * The gated-feedback RNN as the paper defines it:
 * {@code h^j_t = tanh(W^j·in_j + Σᵢ g^{i→j} ⊙ (U^{i→j}·h^i_{t−1}) + b^j)}, kind {@code gf-rnn} (vector gates) or
 * {@code gf-rnn-scalar}. Parameters per layer j: {@code Wxh{j}}, {@code Whh{i}to{j}} (U^{i→j}, H_j×H_i) for every
 * layer i, {@code bhh{j}}, then {@code Wgx{i}to{j} Wgh{i}to{j} bg{i}to{j}} for every i; finally {@code Whd bd}.
 */
public final class GfRnn extends StackedModel {
    private final Mat[] wxh;
    private final Mat[] bhh;
    private final GatedFeedback[] feedback;

    /** A GF-RNN with RecurrentNN.jl's vector gates. */
    public GfRnn(int inputSize, List<Integer> hiddenSizes, int outputSize, Init init, RandomGenerator rng) {
        this(inputSize, hiddenSizes, outputSize, FeedbackGate.VECTOR, init, rng);
    }

    public GfRnn(int inputSize, List<Integer> hiddenSizes, int outputSize, FeedbackGate gate, Init init,
                 RandomGenerator rng) {
        String kind = gate == FeedbackGate.SCALAR ? "gf-rnn-scalar" : "gf-rnn";
        List<Integer> sizes = checkSizes(kind, inputSize, hiddenSizes, outputSize, init, rng);
        if (gate == null) throw new IllegalArgumentException(kind + ": gate is required");
        int layers = sizes.size();
        List<Parameter> params = new ArrayList<>();
        Mat[] wxh = new Mat[layers];
        Mat[] bhh = new Mat[layers];
        GatedFeedback[] feedback = new GatedFeedback[layers];
        for (int j = 0; j < layers; j++) {
            int h = sizes.get(j);
            int in = j == 0 ? inputSize : sizes.get(j - 1);
            wxh[j] = weight(params, "Wxh" + j, new Mat(h, in), init, rng);
            feedback[j] = new GatedFeedback(gate, j, in, sizes, "Whh", init, rng);
            params.addAll(feedback[j].recurrentParameters());
            bhh[j] = bias(params, "bhh" + j, new Mat(h, 1));
            params.addAll(feedback[j].gateParameters());
        }
        this.wxh = wxh;
        this.bhh = bhh;
        this.feedback = feedback;
        super(kind, inputSize, sizes, outputSize, false, params, init, rng);
    }

    @Override
    void layers(Graph g, Mat x, State previous, Mat[] hidden, Mat[] cells, Dropout dropout) {
        Mat hStar = GatedFeedback.stack(g, previous.hidden());
        for (int j = 0; j < wxh.length; j++) {
            Mat in = input(g, x, hidden, j, dropout);
            Mat recurrent = feedback[j].apply(g, in, hStar, previous.hidden());
            hidden[j] = g.tanh(g.add(g.mul(wxh[j], in), recurrent, bhh[j]));
        }
    }
}
