package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Dropout;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.State;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.CorpusStreams;
import org.recurrent4j.text.SentenceBatch;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.TinyModels;
import org.recurrent4j.text.Vocabulary;

class TrainerTest {
    private static final String CORPUS = "the cat sat on the mat. a cat. the hat is on the cat. ".repeat(4);

    /** The metrics lines of a run, without the timing fields, which are the only ones that may differ. */
    private static List<String> sentenceRun(long seed, int batch, int steps) {
        SentenceData data = TinyModels.sentences();
        SplittableRandom rng = new SplittableRandom(seed);
        CharModel model = TinyModels.lstm(data.vocabulary(), rng.nextLong());
        TrainingConfig config = TrainingConfig.sentenceDefaults().withBatch(batch).withReportEvery(5);
        Trainer trainer = Trainer.sentences(model, data, new RmsProp(), config, rng);
        List<String> lines = new ArrayList<>();
        trainer.train(steps, m -> lines.add(withoutTiming(m)));
        return lines;
    }

    private static String withoutTiming(Metrics m) {
        return m.step() + " " + m.loss() + " " + m.perplexity() + " " + m.medianPerplexity() + " " + m.valLoss()
                + " " + m.epoch();
    }

    @Test
    void theSameSeedGivesTheSameMetricsBitForBit() {
        List<String> a = sentenceRun(7, 1, 40);
        assertEquals(8, a.size());
        assertEquals(a, sentenceRun(7, 1, 40));
        assertNotEquals(a, sentenceRun(8, 1, 40));
        assertEquals(sentenceRun(7, 3, 20), sentenceRun(7, 3, 20));
        assertEquals(corpusRun(3), corpusRun(3));
    }

    private static List<String> corpusRun(long seed) {
        CorpusData data = CorpusData.fromText(CORPUS, "tiny corpus");
        CharModel model = TinyModels.lstm(data.vocabulary(), seed);
        TrainingConfig config = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withReportEvery(3);
        Trainer trainer = Trainer.corpus(model, data, new RmsProp(), config);
        List<String> lines = new ArrayList<>();
        trainer.train(30, m -> lines.add(withoutTiming(m)));
        return lines;
    }

    @Test
    void aBatchGradientIsTheSumOfItsSentencesGradients() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(data.vocabulary(), 4);
        int[] ids = {0, 3, 4}; // 11, 21 and 3 characters: padding and masking at work
        // capacity 4 with 3 sentences: a fully masked column too
        SentenceSteps batched = new SentenceSteps(model, data, 4, new SplittableRandom(1));
        SentenceBatch batch = new SentenceBatch(data, 4);
        batch.fill(ids, 0, 3);
        double batchNats = batched.run(new Graph(), batch, Dropout.NONE);
        float[][] batchGrad = TinyModels.gradients(model);
        for (Parameter p : model.parameters()) p.mat().zeroGrad();

        SentenceSteps single = new SentenceSteps(model, data, 1, new SplittableRandom(1));
        SentenceBatch one = new SentenceBatch(data, 1);
        double sum = 0;
        for (int j = 0; j < ids.length; j++) {
            one.fill(ids, j, 1);
            double nats = single.run(new Graph(), one, Dropout.NONE); // accumulates into the same dw
            assertEquals(nats, batched.sentenceNats(j), 1e-5 * nats, "sentence " + j);
            sum += nats;
        }
        assertEquals(sum, batchNats, 1e-6 * sum);
        float[][] sumGrad = TinyModels.gradients(model);
        double largest = 0;
        for (int i = 0; i < sumGrad.length; i++) {
            for (int k = 0; k < sumGrad[i].length; k++) {
                largest = Math.max(largest, Math.abs(sumGrad[i][k]));
                assertEquals(sumGrad[i][k], batchGrad[i][k], 1e-5 + 1e-4 * Math.abs(sumGrad[i][k]),
                        model.parameters().get(i).name() + "[" + k + "]");
            }
        }
        assertTrue(largest > 0.1, "the gradients are not trivially zero");
    }

    @Test
    void corpusModeCarriesTheStateAcrossChunksAndResetsItAtEachEpoch() {
        CorpusData data = CorpusData.fromText(CORPUS, "tiny corpus");
        int b = 2;
        int t = 5;
        CharModel model = TinyModels.lstm(data.vocabulary(), 5);
        TrainingConfig config = TrainingConfig.corpusDefaults().withBatch(b).withSeqLength(t).withReportEvery(1);
        Trainer trainer = Trainer.corpus(model, data, new RmsProp(), config);
        CorpusStreams mirror = data.trainingStreams(b, t);
        State tracked = model.initialState(b);
        long chunkEpoch = 0;
        int resets = 0;
        boolean carryMattered = false;
        for (int step = 1; step <= 2 * mirror.chunksPerEpoch() + 3; step++) {
            long epoch = mirror.epoch();
            mirror.next();
            if (epoch != chunkEpoch) {
                tracked = model.initialState(b);
                chunkEpoch = epoch;
                resets++;
            }
            double fromTracked = chunkLoss(model, mirror, tracked);
            double fromZero = chunkLoss(model, mirror, model.initialState(b));
            carryMattered |= Math.abs(fromTracked - fromZero) > 1e-3;
            tracked = endState(model, mirror, tracked);
            Metrics m = trainer.step().orElseThrow();
            // The trainer runs the chunk as one sequence, the same sums in another order: equal to float rounding.
            assertEquals(fromTracked / (b * t), m.loss(), 1e-6, "step " + step);
            assertEquals((double) step / mirror.chunksPerEpoch(), m.epoch(), 1e-12);
            assertNotNull(m.valLoss());
            assertNull(m.medianPerplexity());
        }
        assertEquals(2, resets);
        assertTrue(carryMattered, "the carried state never changed a loss");
    }

    private static double chunkLoss(CharModel model, CorpusStreams chunk, State start) {
        Graph g = new Graph(false);
        State s = start;
        double nats = 0;
        for (int t = 0; t < chunk.steps(); t++) {
            s = model.forward(g, chunk.inputs()[t], s);
            nats += g.softmaxCrossEntropy(s.output(), chunk.targets()[t]);
        }
        return nats;
    }

    private static State endState(CharModel model, CorpusStreams chunk, State start) {
        Graph g = new Graph(false); // discarded, never reset: its matrices stay valid
        State s = start;
        for (int t = 0; t < chunk.steps(); t++) s = model.forward(g, chunk.inputs()[t], s);
        return new State(s.hidden(), s.cells(), null);
    }

    @Test
    void aNanLossStopsTrainingWithTheParametersOfTheLastGoodStep() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(data.vocabulary(), 6);
        Trainer trainer = Trainer.sentences(model, data, new RmsProp(), TrainingConfig.sentenceDefaults(),
                new SplittableRandom(2));
        trainer.train(3, m -> {});
        Mat whd = model.model().parameters().stream().filter(p -> p.name().equals("Whd")).findFirst().orElseThrow().mat();
        whd.w[whd.offset] = Float.NaN;
        float[][] before = TinyModels.values(model);
        var e = assertThrows(TrainingDivergedException.class, trainer::step);
        assertEquals(4, e.step());
        assertTrue(e.getMessage().contains("step 4") && e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(3, trainer.steps());
        float[][] after = TinyModels.values(model);
        for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i]);
        for (float[] g : TinyModels.gradients(model)) for (float x : g) assertEquals(0f, x);
    }

    @Test
    void aNonFiniteGradientStopsTrainingAndNamesTheParameter() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(data.vocabulary(), 6);
        Trainer trainer = Trainer.sentences(model, data, new RmsProp(), TrainingConfig.sentenceDefaults(),
                new SplittableRandom(2));
        trainer.train(2, m -> {});
        float[][] before = TinyModels.values(model);
        Mat wil = model.embedding();
        wil.dw[wil.offset] = Float.POSITIVE_INFINITY; // row 0 (START), column 0: the loss stays finite
        var e = assertThrows(TrainingDivergedException.class, trainer::step);
        assertTrue(e.getMessage().contains("the gradient of Wil is NaN or infinite"), e.getMessage());
        assertEquals(2, trainer.steps());
        float[][] after = TinyModels.values(model);
        for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i]);
    }

    @Test
    void aHugeLearningRateDivergesIntoAClearException() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(data.vocabulary(), 6);
        TrainingConfig config = TrainingConfig.sentenceDefaults().withLearningRate(1e38f);
        Trainer trainer = Trainer.sentences(model, data, new RmsProp(), config, new SplittableRandom(2));
        var e = assertThrows(TrainingDivergedException.class, () -> trainer.train(50, m -> {}));
        assertTrue(e.step() <= 50 && e.step() == trainer.steps() + 1, e.getMessage());
    }

    @Test
    void aUniformModelReportsPerplexityEqualToTheNumberOfOutputs() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.zero(data.vocabulary());
        TrainingConfig config = TrainingConfig.sentenceDefaults().withLearningRate(1e-30f).withReportEvery(1);
        Trainer trainer = Trainer.sentences(model, data, new RmsProp(), config, new SplittableRandom(3));
        Metrics m = trainer.step().orElseThrow();
        int outputs = data.vocabulary().size();
        assertEquals(1, m.step());
        assertEquals(Math.log(outputs), m.loss(), 1e-5);
        assertEquals(outputs, m.perplexity(), 1e-4 * outputs);
        assertEquals(outputs, m.medianPerplexity(), 1e-4 * outputs);
        assertNull(m.valLoss());
        assertNull(m.epoch());
        assertTrue(m.charsPerSecond() > 0 && m.elapsedSeconds() > 0, m.toString());
    }

    @Test
    void theMedianIsOverTheSentencesOfTheInterval() {
        IntervalStats stats = new IntervalStats(1);
        assertNull(stats.medianPerplexity());
        stats.addSentence(Math.log(4) * 3, 3);  // perplexity 4
        stats.addSentence(Math.log(9) * 2, 2);  // 9
        stats.addSentence(Math.log(2) * 5, 5);  // 2
        assertEquals(4, stats.medianPerplexity(), 1e-12);
        stats.addSentence(Math.log(100), 1);    // 100: even count, mean of 4 and 9
        assertEquals(6.5, stats.medianPerplexity(), 1e-12);
        stats.add(10, 4, 2_000_000_000L);
        assertEquals(2.5, stats.loss());
        assertEquals(2.0, stats.seconds());
        stats.clear();
        assertNull(stats.medianPerplexity());
    }

    @Test
    void dataOfAnotherVocabularyIsRefused() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(Vocabulary.fromText("xyz"), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.sentences(model, data, new RmsProp(),
                TrainingConfig.sentenceDefaults(), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("tiny"), e.getMessage());
    }

    @Test
    void badConfigurationsAreRefused() {
        TrainingConfig d = TrainingConfig.sentenceDefaults();
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(-1f));
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withBatch(0));
        assertThrows(IllegalArgumentException.class, () -> d.withSeqLength(0));
        assertThrows(IllegalArgumentException.class, () -> d.withReportEvery(0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(0.01f, 0, 5, 1, 50, 100, 150, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(0.01f, 0, 5, 1, 50, 100, 100, 0));
        assertFalse(d.toString().isEmpty());
        assertEquals("0.01", String.format(Locale.ROOT, "%.2f", d.learningRate()));
    }

    @Test
    void localStepsAreTheStepsOfStepWithTheirLossesInOrder() {
        CorpusData data = CorpusData.fromText(CORPUS, "tiny corpus");
        TrainingConfig config = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5).withReportEvery(6);
        Trainer stepped = Trainer.corpus(TinyModels.lstm(data.vocabulary(), 3), data, new RmsProp(), config);
        Trainer local = Trainer.corpus(TinyModels.lstm(data.vocabulary(), 3), data, new RmsProp(), config);
        List<Metrics> reports = new ArrayList<>();
        stepped.train(6, reports::add);
        double[] first = local.localSteps(4);
        double[] second = local.localSteps(2);
        assertEquals(6, local.steps());
        assertTrue(local.history().isEmpty(), "no reports");
        double nats = 0;
        for (double n : first) nats += n;
        for (double n : second) nats += n;
        assertEquals(reports.getFirst().loss(), nats / (6 * 2 * 5), 0.0, "the losses add up to the report's, bit for bit");
        assertArrayEquals(TinyModels.values(stepped.model()), TinyModels.values(local.model()));
        TrainerState.Corpus a = (TrainerState.Corpus) stepped.state().position();
        TrainerState.Corpus b = (TrainerState.Corpus) local.state().position();
        assertEquals(a.cursor(), b.cursor());
        for (int l = 0; l < a.hidden().size(); l++) assertArrayEquals(a.hidden().get(l), b.hidden().get(l));
        for (int l = 0; l < a.cells().size(); l++) assertArrayEquals(a.cells().get(l), b.cells().get(l));
        var sa = stepped.optimizer().state();
        var sb = local.optimizer().state();
        assertEquals(sa.steps(), sb.steps());
        for (String name : sa.buffers().keySet()) assertArrayEquals(sa.buffers().get(name), sb.buffers().get(name), name);
        assertThrows(IllegalArgumentException.class, () -> local.localSteps(-1));
    }
}
