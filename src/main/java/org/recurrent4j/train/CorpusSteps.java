package org.recurrent4j.train;

import org.recurrent4j.graph.Graph;
import org.recurrent4j.kernel.ElementWise;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.model.Dropout;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CarriedState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.CorpusStreams;
import org.recurrent4j.text.Evaluator;

/**
 * char-rnn's scheme: B parallel streams read T steps at a time with truncated backpropagation. The last state of
 * a chunk is copied (values only) into trainer-owned matrices and starts the next chunk; it is reset to zero when
 * the streams wrap into a new epoch, where the text jumps. The gradient is that of the mean loss per prediction
 * (out.dw = (softmax − onehot) / (B·T)), as char-rnn computes it: with a sum over 2,500 predictions, the clip
 * would cut almost every element and shrink RMSProp's steps.
 */
final class CorpusSteps implements TrainingMode {
    private final CharModel model;
    private final CorpusStreams streams;
    private final CarriedState carried;
    private final int[] validation;
    private final long fingerprint;
    private final float scale;
    private final ElementWise elementWise = Kernels.get().elementWise();
    private long chunkEpoch;
    private long chunks;
    private State last;
    /** The whole-sequence form's inputs and targets, step-major; null when the model has none. */
    private final int[] flatInputs;
    private final int[] flatTargets;

    CorpusSteps(CharModel model, CorpusData data, int batch, int steps) {
        this.model = model;
        this.streams = data.trainingStreams(batch, steps);
        this.carried = new CarriedState(model, batch);
        this.validation = data.validation();
        this.fingerprint = data.fingerprint();
        this.scale = 1f / ((float) batch * steps);
        boolean sequences = model.model().hasSequenceForm();
        this.flatInputs = sequences ? new int[batch * steps] : null;
        this.flatTargets = sequences ? new int[batch * steps] : null;
    }

    @Override
    public double forwardBackward(Graph graph, IntervalStats stats, Dropout dropout) {
        long epoch = streams.epoch();
        streams.next();
        if (epoch != chunkEpoch) {
            carried.zero();
            chunkEpoch = epoch;
        }
        carried.zeroGrad();
        int[][] inputs = streams.inputs();
        int[][] targets = streams.targets();
        if (flatInputs != null) return wholeSequence(graph, inputs, targets, dropout);
        State s = carried.state();
        double total = 0;
        for (int t = 0; t < inputs.length; t++) {
            s = model.forward(graph, inputs[t], s, dropout);
            Mat logits = s.output();
            total += graph.softmaxCrossEntropy(logits, targets[t]);
            elementWise.scale(logits.size(), scale, logits.dw, logits.offset);
        }
        graph.backward();
        last = s;
        return total;
    }

    /**
     * The chunk as one sequence: every step's embedding, projections, decoder and loss at once, the carried
     * state updated in place with the last step's values.
     */
    private double wholeSequence(Graph graph, int[][] inputs, int[][] targets, Dropout dropout) {
        int batch = streams.streams();
        for (int t = 0; t < inputs.length; t++) {
            System.arraycopy(inputs[t], 0, flatInputs, t * batch, batch);
            System.arraycopy(targets[t], 0, flatTargets, t * batch, batch);
        }
        State state = carried.state();
        Mat logits = model.forwardSequence(graph, flatInputs, batch, state, state, dropout);
        double total = graph.softmaxCrossEntropyRows(logits, flatTargets, scale);
        graph.backward();
        last = null;
        return total;
    }

    @Override
    public long stepsPerEpoch() {
        return streams.chunksPerEpoch();
    }

    @Override
    public long predictions() {
        return (long) streams.streams() * streams.steps();
    }

    @Override
    public void afterStep() {
        if (last != null) carried.copyFrom(last);
        chunks++;
    }

    @Override
    public Double epoch() {
        return (double) chunks / streams.chunksPerEpoch();
    }

    @Override
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public TrainerState.Position position() {
        return new TrainerState.Corpus(streams.cursor(), chunkEpoch, carried.hiddenValues(), carried.cellValues());
    }

    @Override
    public String misfit(TrainerState.Position position) {
        if (!(position instanceof TrainerState.Corpus c)) return "it is a sentence position, this is corpus mode";
        if (!streams.canSeek(c.cursor())) {
            return "cursor " + c.cursor() + " is outside the streams (" + streams + ")";
        }
        if (c.chunkEpoch() < 0 || c.chunkEpoch() > c.cursor().epoch()) {
            return "the carried state's epoch " + c.chunkEpoch() + " is not within 0.." + c.cursor().epoch();
        }
        return carried.misfit(c.hidden(), c.cells());
    }

    @Override
    public void restore(TrainerState.Position position, long step) {
        TrainerState.Corpus c = (TrainerState.Corpus) position;
        streams.seek(c.cursor());
        chunkEpoch = c.chunkEpoch();
        carried.set(c.hidden(), c.cells());
        chunks = step;
    }

    @Override
    public Double validationLoss() {
        if (validation.length < 2) return null;
        return Evaluator.corpus(model, validation, streams.streams()).loss();
    }
}
