package org.recurrent4j.optim;

/**
 * The one rule for each setting of an optimizer step: every optimizer and every training configuration checks
 * with these, so a value is accepted or refused the same way wherever it enters. Each method returns null when the
 * value meets the rule, else the rule as a phrase ("must be a positive finite number").
 */
public final class Hyperparameters {
    private Hyperparameters() {}

    /** The learning rate: positive and finite (a rate of 0 would train nothing). */
    public static String learningRateProblem(float learningRate) {
        return learningRate > 0f && learningRate != Float.POSITIVE_INFINITY ? null : "must be a positive finite number";
    }

    /** The L2 weight decay per step: finite and at least 0. */
    public static String regcProblem(float regc) {
        return regc >= 0f && regc != Float.POSITIVE_INFINITY ? null : "must be a finite number >= 0";
    }

    /** The element-wise gradient clip: positive; infinity clips nothing. */
    public static String clipProblem(float clip) {
        return clip > 0f ? null : "must be a positive number";
    }
}
