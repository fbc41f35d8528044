package org.recurrent4j.bench.sampling;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recurrent4j.bench.Chars;
import org.recurrent4j.bench.JitWarmUp;
import org.recurrent4j.bench.JmhDefaults;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.BeamSearch;
import org.recurrent4j.text.BeamText;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SampleOptions;
import org.recurrent4j.text.Sampler;
import org.recurrent4j.text.Vocabulary;

/**
 * Generating one text of {@value #LENGTH} characters after a prime, by {@code decoder}: {@code sample} draws each
 * character at temperature 1 ({@link Sampler}); {@code beam-K} is a beam search of width K ({@link BeamSearch}),
 * whose K partial texts are the columns of each step. The model is a 2 × H LSTM over an embedding of
 * {@value #EMBEDDING}, with {@value #CHARACTERS} characters (Tiny Shakespeare has 65), random weights, and END's
 * bias at {@value #END_BIAS}, as in a model trained on a continuous text, which never predicts END: every text
 * runs to the full length. Before JMH's warm-up, the setup warms the compiler with {@value #WARM_UP_TEXTS} texts
 * of the same decoder at H = {@value JitWarmUp#HIDDEN}.
 *
 * <p>chars/s via {@link Chars}: the characters of the text generated (of the best text, for a beam), so the
 * ratio of {@code sample}'s rate to {@code beam-K}'s is what a character of beam search costs in sampled ones.
 */
@State(Scope.Thread)
public class SamplingBenchmark extends JmhDefaults {
    static final int EMBEDDING = 64;
    static final int CHARACTERS = 64;
    static final int LENGTH = 100;
    static final float END_BIAS = -30f;
    static final String PRIME = "THE ";
    /** 10,000 steps: enough for C2 to compile what a step calls once. */
    static final int WARM_UP_TEXTS = 100;

    @Param({"sample", "beam-1", "beam-4", "beam-16"})
    public String decoder;

    @Param({"128", "512"})
    public int hidden;

    private Generator generator;

    /** One text from a decoder; returns its length in characters. */
    private interface Generator {
        int generate();
    }

    @Setup
    public void setUp() {
        Generator small = generator(model(JitWarmUp.HIDDEN));
        JitWarmUp.run(WARM_UP_TEXTS, small::generate);
        generator = generator(model(hidden));
    }

    private Generator generator(CharModel model) {
        if (decoder.equals("sample")) {
            Sampler sampler = new Sampler(model);
            SampleOptions options = SampleOptions.defaults().withPrime(PRIME).withMaxLength(LENGTH);
            SplittableRandom rng = new SplittableRandom(37);
            IntConsumer discard = cp -> {};
            return () -> sampler.sample(options, rng, discard);
        }
        if (!decoder.startsWith("beam-")) {
            throw new IllegalArgumentException("unknown decoder " + decoder + " (sample, beam-K)");
        }
        int width = Integer.parseInt(decoder.substring("beam-".length()));
        BeamSearch search = new BeamSearch(model);
        return () -> {
            List<BeamText> best = search.search(PRIME, LENGTH, width);
            return best.get(0).text().length();
        };
    }

    /** The benchmark's model at hidden size h, END all but impossible. */
    private static CharModel model(int h) {
        int[] codePoints = new int[CHARACTERS];
        for (int i = 0; i < CHARACTERS; i++) codePoints[i] = ' ' + i; // ' ' to '_': capitals, digits, punctuation
        CharModel model = CharModel.create(Vocabulary.ofCodePoints(codePoints), ModelKind.LSTM, List.of(h, h),
                EMBEDDING, Init.DEFAULT, new SplittableRandom(41));
        Mat bd = model.model().parameters().stream().filter(p -> p.name().equals("bd")).map(Parameter::mat)
                .findFirst().orElseThrow();
        bd.w[bd.offset + Vocabulary.END] = END_BIAS;
        return model;
    }

    @Benchmark
    public int generate(Chars counter) {
        int n = generator.generate();
        counter.chars += n;
        return n;
    }
}
