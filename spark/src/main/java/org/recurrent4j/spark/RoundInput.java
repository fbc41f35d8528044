package org.recurrent4j.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one round: the step the round starts after, its number of steps, and the
 * averaged parameters and optimizer state as one flat array ({@link FlatState}), with the optimizer's step count.
 */
record RoundInput(long step, int steps, float[] flat, String[] bufferNames, int[] bufferLengths, long optimizerSteps)
        implements Serializable {
}
