package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent4j.StrictJsonParser;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingConfig;

/** Every JSON the program writes is strict JSON, numbers that are not finite included, and reads back exactly. */
class StrictJsonTest {
    private static final Metrics OVERFLOWED = new Metrics(7, 812.5, Double.POSITIVE_INFINITY, Double.NaN, null, 1.5,
            0.005, Double.NEGATIVE_INFINITY, 3.25);

    @Test
    void theParserOfTheseTestsIsStrict() {
        assertThrows(RuntimeException.class, () -> StrictJsonParser.parse("{\"perplexity\":Infinity}"));
        assertThrows(RuntimeException.class, () -> StrictJsonParser.parse("{\"loss\":NaN}"));
    }

    @Test
    void aMetricsLineWithNumbersThatAreNotFiniteIsStrictAndReadsBack() {
        String line = StrictJson.line(OVERFLOWED);
        var o = StrictJsonParser.parse(line).getAsJsonObject();
        assertEquals("Infinity", o.get("perplexity").getAsString());
        assertEquals("NaN", o.get("medianPerplexity").getAsString());
        assertEquals(812.5, o.get("loss").getAsDouble());
        assertEquals(OVERFLOWED, StrictJson.metrics(line));
        // lines of earlier releases held the bare literals
        assertEquals(OVERFLOWED, StrictJson.metrics(line.replace("\"Infinity\"", "Infinity").replace("\"NaN\"", "NaN")
                .replace("\"-Infinity\"", "-Infinity")));
    }

    @Test
    void everyJsonSectionOfACheckpointIsStrict() throws Exception {
        Trainer t = TrainingFixtures.sentences(TrainingFixtures.sentenceModel(ModelKind.LSTM, 1), new RmsProp(), 2);
        t.train(9, m -> {});
        TrainerState s = t.state();
        // --clip Infinity, with dropout and a schedule
        TrainingConfig noClip = new TrainingConfig(0.01f, 0f, Float.POSITIVE_INFINITY, 2, 50, 4, 4, 1, 0.25f, 0.97f, 3, 7);
        TrainerState odd = new TrainerState(s.step(), noClip, s.dataFingerprint(), s.optimizer(), s.position(),
                new TrainerState.Interval(Double.POSITIVE_INFINITY, 3, 4, new double[] {Double.NaN, 2.5}),
                Double.NaN, List.of(OVERFLOWED), new SplitMix64(5).state());
        Map<String, byte[]> sections = TrainerSections.encode(odd, Map.of("samples", new SplitMix64(3).state()));
        for (String name : List.of(TrainerSections.TRAINER, TrainerSections.METRICS)) {
            for (String line : new String(sections.get(name), StandardCharsets.UTF_8).split("\n")) {
                StrictJsonParser.parse(line);
            }
        }
        sections.putAll(ModelFile.sections(t.model(), Map.of("mode", "sentences"), s.step(), s.optimizer()));
        StrictJsonParser.parse(new String(sections.get(ModelFile.HEADER), StandardCharsets.UTF_8));
        TrainerState back = TrainerSections.decode(sections, t.model(), s.optimizer()).state();
        assertEquals(Double.POSITIVE_INFINITY, back.interval().nats());
        assertArrayEquals(new double[] {Double.NaN, 2.5}, back.interval().perplexities());
        assertEquals(Double.NaN, back.elapsedSeconds());
        assertEquals(List.of(OVERFLOWED), back.history());
        assertEquals(noClip, back.config());
        assertEquals(new SplitMix64(5).state(), back.dropoutGenerator());
    }
}
