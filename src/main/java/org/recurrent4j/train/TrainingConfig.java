package org.recurrent4j.train;

import org.recurrent4j.optim.Hyperparameters;

/**
 * How a {@link Trainer} steps: the optimizer's learning rate, L2 weight decay and element-wise clip
 * (docs/math.md#optimizers), the batch (sentences per step, or parallel streams in corpus mode), the chunk length
 * T of corpus mode, how often a {@link Metrics} record is made, how often corpus mode measures the validation loss
 * (a multiple of the report interval), and the number of threads.
 *
 * <p>{@code threads} records the size of the kernel pool the run used ({@code KernelThreads}); the steps run on the
 * calling thread and large products split across the pool, with results that do not depend on the count.
 */
public record TrainingConfig(float learningRate, float regc, float clip, int batch, int seqLength, int reportEvery,
                             int validateEvery, int threads) {
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

    public TrainingConfig withLearningRate(float value) {
        return new TrainingConfig(value, regc, clip, batch, seqLength, reportEvery, validateEvery, threads);
    }

    public TrainingConfig withBatch(int value) {
        return new TrainingConfig(learningRate, regc, clip, value, seqLength, reportEvery, validateEvery, threads);
    }

    public TrainingConfig withSeqLength(int value) {
        return new TrainingConfig(learningRate, regc, clip, batch, value, reportEvery, validateEvery, threads);
    }

    /** A new report interval; the validation interval becomes the same. */
    public TrainingConfig withReportEvery(int value) {
        return new TrainingConfig(learningRate, regc, clip, batch, seqLength, value, value, threads);
    }
}
