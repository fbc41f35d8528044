package org.recurrent4j.bench.training;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Chars;
import org.recurrent4j.bench.JitWarmUp;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;

/**
 * A whole training step of the text API's {@link Trainer}: forward, loss, backward and the RMSProp step, with
 * the seed's optimizer settings (lr 0.01, regc 1e-6, clip 5). Three configurations ({@code config}):
 * <ul>
 *   <li>{@code seed-demo}: the seed's demo, an LSTM [20, 20] with embedding 5, one sentence of
 *       {@code samples.txt} per step (sentence mode);</li>
 *   <li>{@code char-rnn}: char-rnn's default, a 2 × 128 LSTM, 50 streams × 50 steps of Tiny Shakespeare
 *       (corpus mode, truncated backpropagation);</li>
 *   <li>{@code large}: the same with 2 × 512.</li>
 * </ul>
 * The corpus models read an embedding of {@value #CORPUS_EMBEDDING} (char-rnn feeds one-hot vectors of the
 * vocabulary's size, about as large). The texts come from {@link TrainingTexts}. The trainer makes its
 * {@link Metrics} record every 100 steps, as by default, which is part of what a step costs; corpus mode's
 * validation passes are switched off (the trainer's own chars/s leaves them out too), so every call is one
 * training step. Before JMH's warm-up, the setup warms the compiler ({@link JitWarmUp}) with
 * {@value #WARM_UP_STEPS} steps of a separate trainer: the seed demo's own, or for the corpus configurations a
 * 2 × {@value JitWarmUp#HIDDEN} LSTM on the same streams with chunks of {@value #WARM_UP_SEQ_LENGTH} steps.
 *
 * <p>chars/s via {@link Chars}: the step's predictions, B·T = 2,500 in corpus mode and the sentence's length + 1
 * (its characters and END) in sentence mode. The trainer draws each step's sentence with
 * {@link SentenceData#pick} from its generator; a second generator with the same seed repeats the draws, so the
 * count is that of the sentence trained (and were the trainer to draw differently, still a uniformly drawn one).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = { // a larger heap: the large configuration's graph holds about 0.5 GB
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Drecurrent4j.threads=1",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class TrainingBenchmark extends JmhDefaults {
    static final int CORPUS_EMBEDDING = 64;
    private static final long MODEL_SEED = 23;
    private static final long DRAW_SEED = 29;
    private static final long WARM_UP_SEED = 31;
    /**
     * Training steps of the compiler warm-up. The optimizer checks every parameter's gradient once per step (some
     * 25 calls), and C2 compiled that check only after some 5,000 calls: 200 steps get there (measured by the
     * allocation per step, which falls to that of the steady state once no vector is boxed).
     */
    private static final int WARM_UP_STEPS = 200;
    private static final int WARM_UP_SEQ_LENGTH = 10;

    @Param({"seed-demo", "char-rnn", "large"})
    public String config;

    private Trainer trainer;
    /** Sentence mode: the data and the twin of the trainer's generator; null in corpus mode. */
    private SentenceData sentences;
    private SplittableRandom draws;
    /** Corpus mode: B·T. */
    private long charsPerStep;

    @Setup
    public void setUp() throws IOException {
        switch (config) {
            case "seed-demo" -> {
                sentences = TrainingTexts.sentences();
                warmUp(sentenceTrainer(sentences, new SplittableRandom(WARM_UP_SEED)));
                trainer = sentenceTrainer(sentences, new SplittableRandom(DRAW_SEED));
                draws = new SplittableRandom(DRAW_SEED);
            }
            case "char-rnn" -> corpus(128);
            case "large" -> corpus(512);
            default -> throw new IllegalArgumentException("unknown training configuration " + config
                    + " (seed-demo, char-rnn, large)");
        }
    }

    /** The seed demo's trainer, drawing its sentences from {@code draws}. */
    private static Trainer sentenceTrainer(SentenceData data, SplittableRandom draws) {
        var model = CharModel.create(data.vocabulary(), ModelKind.LSTM, List.of(20, 20), 5, Init.DEFAULT,
                new SplittableRandom(MODEL_SEED));
        var settings = withoutValidation(TrainingConfig.sentenceDefaults());
        return Trainer.sentences(model, data, new RmsProp(), settings, draws);
    }

    /**
     * A corpus trainer of 2 × hidden, after a warm-up on a 2 × {@value JitWarmUp#HIDDEN} one with the same
     * streams and chunks of {@value #WARM_UP_SEQ_LENGTH} steps (the same code on the same batch, at a fraction of
     * the cost).
     */
    private void corpus(int hidden) throws IOException {
        CorpusData data = TrainingTexts.corpus();
        var settings = withoutValidation(TrainingConfig.corpusDefaults());
        warmUp(corpusTrainer(data, JitWarmUp.HIDDEN, settings.withSeqLength(WARM_UP_SEQ_LENGTH)));
        trainer = corpusTrainer(data, hidden, settings);
        charsPerStep = (long) settings.batch() * settings.seqLength();
    }

    private static Trainer corpusTrainer(CorpusData data, int hidden, TrainingConfig settings) {
        var model = CharModel.create(data.vocabulary(), ModelKind.LSTM, List.of(hidden, hidden), CORPUS_EMBEDDING,
                Init.DEFAULT, new SplittableRandom(MODEL_SEED));
        return Trainer.corpus(model, data, new RmsProp(), settings);
    }

    private static void warmUp(Trainer trainer) {
        JitWarmUp.run(WARM_UP_STEPS, trainer::step);
    }

    /** The same settings with the validation interval at the largest multiple of the report interval. */
    private static TrainingConfig withoutValidation(TrainingConfig c) {
        int never = Integer.MAX_VALUE / c.reportEvery() * c.reportEvery();
        return new TrainingConfig(c.learningRate(), c.regc(), c.clip(), c.batch(), c.seqLength(), c.reportEvery(),
                never, c.threads());
    }

    @Benchmark
    public Optional<Metrics> step(Chars counter) {
        Optional<Metrics> report = trainer.step();
        counter.chars += sentences == null ? charsPerStep : sentences.length(sentences.pick(draws)) + 1;
        return report;
    }
}
