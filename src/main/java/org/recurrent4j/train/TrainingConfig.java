package org.recurrent4j.train;

import org.recurrent4j.optim.Hyperparameters;

/**
 * How a {@link Trainer} steps: the optimizer's learning rate, L2 weight decay and element-wise clip
 * (docs/math.md#optimizers), the batch (sentences per step, or parallel streams in corpus mode), the chunk length
 * T of corpus mode, how often a {@link Metrics} record is made, how often corpus mode measures the validation loss
 * (a multiple of the report interval), the number of threads, the dropout rate (docs/math.md#dropout) and the
 * learning-rate schedule (docs/math.md#learning-rate-schedule): a linear warm-up over {@code warmup} steps and
 * char-rnn's decay, the rate multiplied by {@code lrDecay} at the end of epoch {@code lrDecayAfter} and of every
 * epoch after it.
 *
 * <p>{@code threads} records the size of the kernel pool the run used ({@code KernelThreads}); the steps run on the
 * calling thread and large products split across the pool, with results that do not depend on the count.
 */
public record TrainingConfig(float learningRate, float regc, float clip, int batch, int seqLength, int reportEvery,
                             int validateEvery, int threads, float dropout, float lrDecay, int lrDecayAfter,
                             int warmup) {
    /** The seed demo's learning rate. */
    public static final float LEARNING_RATE = 0.01f;
    /** The seed demo's L2 weight decay. */
    public static final float REGC = 1e-6f;
    /** The seed demo's gradient clip. */
    public static final float CLIP = 5f;
    /** Streams and steps per chunk in corpus mode, as char-rnn. */
    public static final int CORPUS_BATCH = 50;
    public static final int CORPUS_SEQ_LENGTH = 50;
    public static final int REPORT_EVERY = 100;
    /** No dropout. */
    public static final float DROPOUT = 0f;
    /** No decay: the factor applied at the end of each epoch from {@link #LR_DECAY_AFTER} on. */
    public static final float LR_DECAY = 1f;
    /** char-rnn's: the first decay comes at the end of epoch 10. */
    public static final int LR_DECAY_AFTER = 10;
    /** No warm-up. */
    public static final int WARMUP = 0;

    /**
     * @throws SettingException naming the setting as its command-line option ({@code --lr}) and its rule; the
     *     optimizer settings follow {@link Hyperparameters}
     */
    public TrainingConfig {
        SettingException.check("--lr", Hyperparameters.learningRateProblem(learningRate), learningRate);
        SettingException.check("--regc", Hyperparameters.regcProblem(regc), regc);
        SettingException.check("--clip", Hyperparameters.clipProblem(clip), clip);
        SettingException.atLeast("--batch", batch, 1);
        SettingException.atLeast("--seq", seqLength, 1);
        SettingException.atLeast("--report-every", reportEvery, 1);
        if (validateEvery < 1 || validateEvery % reportEvery != 0) {
            throw new SettingException("--val-every", "must be a positive multiple of --report-every " + reportEvery,
                    Integer.toString(validateEvery));
        }
        SettingException.atLeast("--threads", threads, 1);
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new SettingException("--dropout", "must be at least 0 and below 1", Float.toString(dropout));
        }
        if (!(lrDecay > 0f && lrDecay <= 1f)) {
            throw new SettingException("--lr-decay", "must be above 0 and at most 1", Float.toString(lrDecay));
        }
        SettingException.atLeast("--lr-decay-after", lrDecayAfter, 1);
        SettingException.atLeast("--warmup", warmup, 0);
    }

    /** Without dropout or a schedule: the settings of the earlier releases. */
    public TrainingConfig(float learningRate, float regc, float clip, int batch, int seqLength, int reportEvery,
                          int validateEvery, int threads) {
        this(learningRate, regc, clip, batch, seqLength, reportEvery, validateEvery, threads, DROPOUT, LR_DECAY,
                LR_DECAY_AFTER, WARMUP);
    }

    /** The seed demo: one sentence per step, lr 0.01, regc 1e-6, clip 5, a report every 100 steps. */
    public static TrainingConfig sentenceDefaults() {
        return new TrainingConfig(LEARNING_RATE, REGC, CLIP, 1, CORPUS_SEQ_LENGTH, REPORT_EVERY, REPORT_EVERY, 1);
    }

    /** char-rnn's shape with the seed's optimizer settings: 50 streams × 50 steps, validation at every report. */
    public static TrainingConfig corpusDefaults() {
        return new TrainingConfig(LEARNING_RATE, REGC, CLIP, CORPUS_BATCH, CORPUS_SEQ_LENGTH, REPORT_EVERY,
                REPORT_EVERY, 1);
    }

    /**
     * The learning rate of step {@code step} (1 for the first), an epoch being {@code stepsPerEpoch} steps:
     * {@link #learningRate()} × min(1, step / warmup) × lrDecay^d, where d counts the ends of epochs from
     * {@link #lrDecayAfter()} on before this step, max(0, ⌊(step − 1) / stepsPerEpoch⌋ − lrDecayAfter + 1).
     * Exactly {@link #learningRate()} without warm-up and decay; never below the smallest positive float.
     */
    public float learningRate(long step, long stepsPerEpoch) {
        if (step < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("learningRate: step " + step + " and steps per epoch " + stepsPerEpoch
                    + " must be at least 1");
        }
        double rate = learningRate;
        if (step < warmup) rate = rate * step / warmup;
        long decays = (step - 1) / stepsPerEpoch - lrDecayAfter + 1;
        if (lrDecay < 1f && decays > 0) rate *= StrictMath.pow(lrDecay, decays);
        return Math.max((float) rate, Float.MIN_VALUE);
    }

    public TrainingConfig withLearningRate(float value) {
        return new TrainingConfig(value, regc, clip, batch, seqLength, reportEvery, validateEvery, threads, dropout,
                lrDecay, lrDecayAfter, warmup);
    }

    public TrainingConfig withBatch(int value) {
        return new TrainingConfig(learningRate, regc, clip, value, seqLength, reportEvery, validateEvery, threads,
                dropout, lrDecay, lrDecayAfter, warmup);
    }

    public TrainingConfig withSeqLength(int value) {
        return new TrainingConfig(learningRate, regc, clip, batch, value, reportEvery, validateEvery, threads, dropout,
                lrDecay, lrDecayAfter, warmup);
    }

    /** A new report interval; the validation interval becomes the same. */
    public TrainingConfig withReportEvery(int value) {
        return new TrainingConfig(learningRate, regc, clip, batch, seqLength, value, value, threads, dropout, lrDecay,
                lrDecayAfter, warmup);
    }

    /** Another dropout rate, 0 ≤ p < 1 (0: none). */
    public TrainingConfig withDropout(float value) {
        return new TrainingConfig(learningRate, regc, clip, batch, seqLength, reportEvery, validateEvery, threads,
                value, lrDecay, lrDecayAfter, warmup);
    }

    /** Another schedule: the decay factor per epoch (1: none), the epoch of the first decay, the warm-up steps. */
    public TrainingConfig withSchedule(float decay, int decayAfter, int warmupSteps) {
        return new TrainingConfig(learningRate, regc, clip, batch, seqLength, reportEvery, validateEvery, threads,
                dropout, decay, decayAfter, warmupSteps);
    }
}
