package org.recurrent4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Dropout;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.RecurrentModel;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

/**
 * A character-level language model as in the seed's demo: a vocabulary, a trained character embedding
 * {@code Wil} ((|vocab|+1) × letterSize, row i embeds index i, row 0 is START) and a recurrent model reading
 * the embedding and writing |vocab|+1 logits (index 0 is END). A model imported from PyTorch has a vocabulary
 * without START/END: |vocab| rows and |vocab| logits, one per character. Only parameters live here, so one model
 * serves many threads for inference, each with its own graph and state.
 */
public final class CharModel {
    private final Vocabulary vocabulary;
    private final Mat wil;
    private final RecurrentModel model;
    private final List<Parameter> parameters;

    /**
     * Wraps an embedding and a recurrent model; {@code wil} must be vocabulary.size() × model.inputSize() and the
     * model's output size must be vocabulary.size().
     */
    public CharModel(Vocabulary vocabulary, Mat wil, RecurrentModel model) {
        if (wil.rows != vocabulary.size() || wil.cols != model.inputSize()) {
            throw new IllegalArgumentException("CharModel: embedding Wil is " + wil.shape() + ", a vocabulary of "
                    + vocabulary.size() + " indices and input size " + model.inputSize() + " need "
                    + vocabulary.size() + "x" + model.inputSize());
        }
        if (model.outputSize() != vocabulary.size()) {
            throw new IllegalArgumentException("CharModel: the model writes " + model.outputSize()
                    + " logits, a vocabulary of " + vocabulary.size() + " indices needs " + vocabulary.size());
        }
        this.vocabulary = vocabulary;
        this.wil = wil;
        this.model = model;
        List<Parameter> all = new ArrayList<>();
        all.add(new Parameter("Wil", wil));
        all.addAll(model.parameters());
        this.parameters = List.copyOf(all);
    }

    /**
     * A fresh model: {@code Wil} drawn first, then the recurrent model's weights, from {@code rng} (the order
     * RecurrentJS initialises them in).
     */
    public static CharModel create(Vocabulary vocabulary, ModelKind kind, List<Integer> hiddenSizes, int letterSize,
                                   Init init, RandomGenerator rng) {
        if (letterSize < 1) throw new IllegalArgumentException("CharModel: letter size must be positive, got " + letterSize);
        Mat wil = new Mat(vocabulary.size(), letterSize);
        init.fill(wil, rng);
        RecurrentModel model = kind.create(letterSize, hiddenSizes, vocabulary.size(), init, rng);
        return new CharModel(vocabulary, wil, model);
    }

    /** One step for a batch: column j reads character index {@code indices[j]}; returns the new state with logits. */
    public State forward(Graph graph, int[] indices, State previous) {
        return forward(graph, indices, previous, Dropout.NONE);
    }

    /**
     * One step for a batch with {@code dropout} as training applies it (above the first layer and before the
     * decoder; the embedding and the state are never dropped).
     */
    public State forward(Graph graph, int[] indices, State previous, Dropout dropout) {
        return model.forward(graph, graph.rowPluck(wil, indices), previous, dropout);
    }

    /** One step of a single sequence reading character index {@code index}. */
    public State forward(Graph graph, int index, State previous) {
        return model.forward(graph, graph.rowPluck(wil, index), previous);
    }

    /**
     * A whole sequence at once (see {@link RecurrentModel#forwardSequence}): {@code indices} holds steps·batch
     * character indices, step-major (index t·batch + b is what sequence b reads at step t); returns the logits of
     * every step as steps·batch rows of |vocab| + 1, in the same order.
     */
    public Mat forwardSequence(Graph graph, int[] indices, int batch, State initial, State last) {
        return forwardSequence(graph, indices, batch, initial, last, Dropout.NONE);
    }

    /** {@link #forwardSequence(Graph, int[], int, State, State)} with {@code dropout} as training applies it. */
    public Mat forwardSequence(Graph graph, int[] indices, int batch, State initial, State last, Dropout dropout) {
        return model.forwardSequence(graph, wil, indices, batch, initial, last, dropout);
    }

    /**
     * This model over a larger vocabulary: {@code larger} holds this model's characters first, at their indices,
     * then new ones. The new rows of the embedding {@code Wil} and of the decoder {@code Whd} are those a fresh
     * model of the larger vocabulary draws from {@code init} and {@code rng} (the decoder's new biases start at
     * zero); every other value is this model's. This model is left as it is.
     *
     * @throws IllegalArgumentException if {@code larger} does not begin with this vocabulary's characters, or has
     *     START/END where this one has not (or the other way round)
     */
    public CharModel withVocabulary(Vocabulary larger, Init init, RandomGenerator rng) {
        int[] own = vocabulary.codePoints();
        int[] all = larger.codePoints();
        if (larger.hasStartEnd() != vocabulary.hasStartEnd() || all.length < own.length
                || !java.util.Arrays.equals(own, java.util.Arrays.copyOf(all, own.length))) {
            throw new IllegalArgumentException("withVocabulary: " + larger + " does not extend " + vocabulary
                    + " (its characters first, at their indices)");
        }
        CharModel fresh = create(larger, ModelKind.of(kind()), hiddenSizes(), letterSize(), init, rng);
        List<Parameter> from = parameters();
        List<Parameter> to = fresh.parameters();
        for (int i = 0; i < from.size(); i++) {
            Mat a = from.get(i).mat();
            Mat b = to.get(i).mat();
            if (a.cols != b.cols || a.rows > b.rows) {
                throw new IllegalStateException("withVocabulary: " + from.get(i).name() + " is " + a.shape()
                        + ", the larger model's " + b.shape());
            }
            // the old rows are the first rows: row i is index i in both vocabularies
            System.arraycopy(a.w, a.offset, b.w, b.offset, a.size());
        }
        return fresh;
    }

    /** The zero state for {@code batch} sequences. */
    public State initialState(int batch) {
        return model.initialState(batch);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The embedding size (RecurrentJS's letter_size). */
    public int letterSize() {
        return wil.cols;
    }

    /** The embedding {@code Wil}. */
    public Mat embedding() {
        return wil;
    }

    /** The recurrent model with its decoder. */
    public RecurrentModel model() {
        return model;
    }

    /** The model kind, e.g. {@code lstm}. */
    public String kind() {
        return model.kind();
    }

    public List<Integer> hiddenSizes() {
        return model.hiddenSizes();
    }

    /** Every trainable matrix: {@code Wil}, then the recurrent model's in its order (RecurrentJS's order). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) n += p.mat().size();
        return n;
    }

    @Override
    public String toString() {
        return "CharModel[" + model + ", letter size " + letterSize() + ", " + vocabulary + "]";
    }
}
