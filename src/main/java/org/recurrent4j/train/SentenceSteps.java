package org.recurrent4j.train;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Dropout;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CarriedState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SentenceBatch;
import org.recurrent4j.text.SentenceData;

/**
 * The seed's tick, generalised to B sentences: draw B random sentences, start each from the zero state, run
 * n + 1 steps (START → c₁ … cₙ → END) with out.dw = softmax − onehot at every unmasked step, no averaging, and
 * backward. Padded positions are masked, so the gradient is the sum of the B single-sentence gradients.
 */
final class SentenceSteps implements TrainingMode {
    private final CharModel model;
    private final SentenceData data;
    private final SentenceBatch batch;
    private RandomGenerator rng;
    private final CarriedState zero;
    private final double[] sentenceNats;

    SentenceSteps(CharModel model, SentenceData data, int batchSize, RandomGenerator rng) {
        this.model = model;
        this.data = data;
        this.batch = new SentenceBatch(data, batchSize);
        this.rng = rng;
        this.zero = new CarriedState(model, batchSize);
        this.sentenceNats = new double[batchSize];
    }

    @Override
    public double forwardBackward(Graph graph, IntervalStats stats, Dropout dropout) {
        batch.fillRandom(rng);
        double nats = run(graph, batch, dropout);
        for (int j = 0; j < batch.size(); j++) stats.addSentence(sentenceNats[j], data.length(batch.sentence(j)) + 1);
        return nats;
    }

    /** Forward and backward over a filled batch of this trainer's capacity; per-column nats in sentenceNats. */
    double run(Graph graph, SentenceBatch filled, Dropout dropout) {
        zero.zeroGrad();
        Arrays.fill(sentenceNats, 0);
        int[][] sources = filled.sources();
        int[][] targets = filled.targets();
        State s = zero.state();
        double total = 0;
        for (int t = 0; t < filled.steps(); t++) {
            s = model.forward(graph, sources[t], s, dropout);
            double nats = graph.softmaxCrossEntropy(s.output(), targets[t]);
            total += nats;
            if (sentenceNats.length == 1) sentenceNats[0] += nats;
            else addColumnNats(s.output(), targets[t], sentenceNats);
        }
        graph.backward();
        return total;
    }

    /** Adds −log softmax(column j)[target j] to out[j] for every unmasked column (a per-sentence split of the loss). */
    static void addColumnNats(Mat logits, int[] targets, double[] out) {
        int cols = logits.cols;
        float[] w = logits.w;
        for (int j = 0; j < cols; j++) {
            if (targets[j] < 0) continue;
            int base = logits.offset + j;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < logits.rows; i++) max = Math.max(max, w[base + i * cols]);
            double sum = 0;
            for (int i = 0; i < logits.rows; i++) sum += Math.exp(w[base + i * cols] - max);
            out[j] += max + Math.log(sum) - w[base + targets[j] * cols];
        }
    }

    /** The nats of column j's sentence in the last {@link #run}. */
    double sentenceNats(int j) {
        return sentenceNats[j];
    }

    /** One pass worth of sentences: ⌈sentences / batch⌉ steps (the draws are random, so not every sentence). */
    @Override
    public long stepsPerEpoch() {
        return (data.count() + batch.capacity() - 1) / batch.capacity();
    }

    @Override
    public long predictions() {
        return batch.predictions();
    }

    @Override
    public void afterStep() {
        // every step starts from the zero state
    }

    @Override
    public Double epoch() {
        return null;
    }

    @Override
    public Double validationLoss() {
        return null;
    }

    @Override
    public long fingerprint() {
        return data.fingerprint();
    }

    @Override
    public TrainerState.Position position() {
        if (!(rng instanceof SplitMix64 g)) {
            throw new IllegalStateException("the sentences are drawn from a " + rng.getClass().getSimpleName()
                    + ", whose state cannot be saved; give the trainer a SplitMix64 to save its state");
        }
        return new TrainerState.Sentences(g.state());
    }

    @Override
    public String misfit(TrainerState.Position position) {
        return position instanceof TrainerState.Sentences ? null : "it is a corpus position, this is sentence mode";
    }

    @Override
    public void restore(TrainerState.Position position, long step) {
        rng = new SplitMix64(((TrainerState.Sentences) position).generator());
    }
}
