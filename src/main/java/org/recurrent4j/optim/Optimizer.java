package org.recurrent4j.optim;

import java.util.List;
import org.recurrent4j.model.Parameter;

/**
 * Updates parameters from their accumulated gradients and resets the gradients to zero. Gradients are clipped
 * element-wise to ±clip and an L2 weight decay {@code regc·w} (not scaled by the learning rate) is applied, as in
 * RecurrentJS. A step whose gradients hold NaN or infinity changes nothing and says so. Optimizer state is kept
 * per parameter name, so the names in one model must be distinct.
 */
public interface Optimizer {
    /**
     * One update of every parameter. If any gradient element is NaN or infinite, no parameter, gradient or
     * optimizer state changes, and the result names the first such parameter.
     *
     * @throws IllegalArgumentException if a setting breaks its rule in {@link Hyperparameters}
     */
    StepResult step(List<Parameter> params, float learningRate, float regc, float clip);

    /** A copy of the optimizer's state (its kind, step count and per-parameter buffers), for checkpoints. */
    OptimizerState state();

    /** Replaces the optimizer's state with a copy of {@code state}, which must be of this optimizer's kind. */
    void restore(OptimizerState state);

    /**
     * As {@link #restore(OptimizerState)}, after checking that {@code state} fits {@code params}: every buffer
     * belongs to one of them and has the length this optimizer keeps for it. On a misfit nothing changes.
     *
     * @throws IllegalArgumentException naming the kind, or the parameter and both lengths
     */
    void restore(OptimizerState state, List<Parameter> params);

    /** A new optimizer of {@code kind} ({@code rmsprop}, {@code adam} or {@code sgd}) with its default settings. */
    static Optimizer named(String kind) {
        return switch (kind) {
            case "rmsprop" -> new RmsProp();
            case "adam" -> new Adam();
            case "sgd" -> new Sgd();
            default -> throw new IllegalArgumentException("unknown optimizer '" + kind + "', expected rmsprop, adam or sgd");
        };
    }
}
