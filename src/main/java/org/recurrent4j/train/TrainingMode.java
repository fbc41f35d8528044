package org.recurrent4j.train;

import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Dropout;

/** What one training step computes in a mode (sentences or a corpus), between the trainer's reset and solver step. */
interface TrainingMode {
    /**
     * Draws the step's data, runs the forward pass on {@code graph} (already reset) with {@code dropout}, writes
     * the loss gradients into the logits, runs backward, and returns the step's loss in nats; per-sentence figures
     * go to {@code stats}.
     */
    double forwardBackward(Graph graph, IntervalStats stats, Dropout dropout);

    /** The steps of one epoch, at least 1: a pass over the corpus's streams, or over the sentences' worth. */
    long stepsPerEpoch();

    /** The number of predictions (unmasked targets) of the last {@link #forwardBackward}. */
    long predictions();

    /** Called after a successful solver step, e.g. to carry the recurrent state into the next chunk. */
    void afterStep();

    /** Passes over the training data so far, or null where that is not tracked (sentence mode). */
    Double epoch();

    /** The mean nats per character over held-out data, or null when the mode has none. */
    Double validationLoss();

    /** A fingerprint of the training data, so that a resume can refuse different data. */
    long fingerprint();

    /** Where the mode stands in its data, between steps. */
    TrainerState.Position position();

    /** Null if {@code position} is one this mode can continue from, else what is wrong with it. */
    String misfit(TrainerState.Position position);

    /** Continues from a position that {@link #misfit} accepts, {@code step} steps into training. */
    void restore(TrainerState.Position position, long step);
}
