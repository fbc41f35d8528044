package org.recurrent4j.train;

/**
 * Training stopped because a step's loss or gradient was NaN or infinite, or its loss far above an untrained
 * model's ({@link Trainer#DIVERGENCE_FACTOR}). The parameters keep the values of the last good step (the failing
 * step changed none of them) and their gradients are zero.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;

    /** Training diverged at {@code step} (counted from 1) for {@code reason}. */
    public TrainingDivergedException(long step, String reason) {
        super("training diverged at step " + step + ": " + reason);
        this.step = step;
    }

    /** The step that failed, counted from 1; the parameters are those after step − 1. */
    public long step() {
        return step;
    }
}
