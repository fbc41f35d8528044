package org.recurrent4j.text;

import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

/**
 * Scores a character model on chunks of parallel streams without training it: the summed nats of predicting each
 * step's target from its input, the recurrent state carried from chunk to chunk. Models with a whole-sequence
 * form ({@link org.recurrent4j.model.RecurrentModel#hasSequenceForm}) score a chunk as one sequence; the others
 * step by step. One scorer per thread: it keeps the graph and scratch it reuses, so scoring allocates nothing
 * once chunks of the same shape repeat.
 */
public final class ChunkScorer {
    private final CharModel model;
    private final int batch;
    private final Graph graph = new Graph(false);
    private final int[] stepInputs;
    private final int[] stepTargets;

    /** A scorer of {@code batch} parallel streams. */
    public ChunkScorer(CharModel model, int batch) {
        if (batch < 1) throw new IllegalArgumentException("ChunkScorer: batch must be positive, got " + batch);
        this.model = model;
        this.batch = batch;
        this.stepInputs = new int[batch];
        this.stepTargets = new int[batch];
    }

    /**
     * The summed nats of one chunk: {@code inputs} and {@code targets} hold steps·batch indices, step-major
     * (entry t·batch + j is stream j at step t); a negative target masks its prediction. The chunk starts from
     * {@code state}'s values and leaves its last values there.
     */
    public double score(int[] inputs, int[] targets, CarriedState state) {
        if (inputs.length != targets.length || inputs.length % batch != 0 || inputs.length == 0) {
            throw new IllegalArgumentException("ChunkScorer: " + inputs.length + " inputs and " + targets.length
                    + " targets are not whole steps of " + batch + " streams");
        }
        graph.reset();
        if (model.model().hasSequenceForm()) {
            Mat logits = model.forwardSequence(graph, inputs, batch, state.state(), state.state());
            return graph.softmaxCrossEntropyRows(logits, targets, 1f);
        }
        State s = state.state();
        double nats = 0;
        for (int t = 0; t < inputs.length / batch; t++) {
            System.arraycopy(inputs, t * batch, stepInputs, 0, batch);
            System.arraycopy(targets, t * batch, stepTargets, 0, batch);
            s = model.forward(graph, stepInputs, s);
            nats += graph.softmaxCrossEntropy(s.output(), stepTargets);
        }
        state.copyFrom(s);
        return nats;
    }
}
