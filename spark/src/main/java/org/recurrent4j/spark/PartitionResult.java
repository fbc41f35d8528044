package org.recurrent4j.spark;

import java.io.Serializable;

/**
 * What one partition returns from a round: its parameters and optimizer buffers as a flat array (dropped once
 * added into a {@link RoundSum}), their layout, the optimizer's step count, its new position, and each step's loss
 * in nats; or, when its training diverged, the failing step and the reason.
 */
final class PartitionResult implements Serializable {
    final int index;
    float[] flat;
    final String[] bufferNames;
    final int[] bufferLengths;
    final long optimizerSteps;
    final PartitionPosition position;
    final double[] nats;
    final long failedStep;
    final String failure;

    private PartitionResult(int index, float[] flat, String[] bufferNames, int[] bufferLengths, long optimizerSteps,
                            PartitionPosition position, double[] nats, long failedStep, String failure) {
        this.index = index;
        this.flat = flat;
        this.bufferNames = bufferNames;
        this.bufferLengths = bufferLengths;
        this.optimizerSteps = optimizerSteps;
        this.position = position;
        this.nats = nats;
        this.failedStep = failedStep;
        this.failure = failure;
    }

    static PartitionResult trained(int index, float[] flat, String[] bufferNames, int[] bufferLengths,
                                   long optimizerSteps, PartitionPosition position, double[] nats) {
        return new PartitionResult(index, flat, bufferNames, bufferLengths, optimizerSteps, position, nats, 0, null);
    }

    static PartitionResult diverged(int index, long step, String reason) {
        return new PartitionResult(index, null, null, null, 0, null, null, step, reason);
    }

    boolean failed() {
        return failure != null;
    }
}
