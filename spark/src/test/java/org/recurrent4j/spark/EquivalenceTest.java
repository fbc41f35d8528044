package org.recurrent4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;
import org.recurrent4j.train.TrainingData;

/** What averaging must give exactly: one partition is the single-machine trainer; identical partitions are one. */
class EquivalenceTest {
    @TempDir
    Path dir;

    /** 4 streams of 10 steps, reports every 6 steps with validation every 12: an epoch wraps within 40 steps. */
    private static final TrainingConfig CONFIG = new TrainingConfig(0.01f, 1e-6f, 5f, 4, 10, 6, 12, 1);

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"lstm, rmsprop", "gru, adam", "gf-lstm, sgd"})
    void onePartitionAveragingEveryStepIsTheSingleMachineRunBitForBit(String kind, String optimizer) throws IOException {
        Path data = LocalSpark.write(dir, "corpus.txt", LocalSpark.text(1_000, 3));
        RunSettings settings = LocalSpark.settings(data, kind, optimizer, CONFIG, 40);
        TrainingData.Loaded loaded = settings.data().load(null);

        Trainer single = settings.newTrainer(loaded, new SplitMix64(settings.seed()).split());
        List<Metrics> singleReports = new ArrayList<>();
        single.train(40, singleReports::add);
        assertTrue(single.state().position() instanceof org.recurrent4j.train.TrainerState.Corpus c
                && c.cursor().epoch() > 0, "the run crosses an epoch's end");

        try (SparkTrainer spark = SparkTrainer.start(LocalSpark.context(), settings, new Distribution(1, 1))) {
            List<Metrics> sparkReports = new ArrayList<>();
            spark.train(40, sparkReports::add);
            assertEquals(40, spark.steps());
            LocalSpark.assertSameParameters(single.model(), spark.model());
            LocalSpark.assertSameOptimizer(single.optimizer().state(), spark.optimizerState());
            LocalSpark.assertSamePosition(single.state().position(), spark.state().position());
            assertEquals(LocalSpark.withoutTiming(singleReports), LocalSpark.withoutTiming(sparkReports));
            assertEquals(LocalSpark.withoutTiming(single.history()), LocalSpark.withoutTiming(spark.history()));
            assertEquals(single.state().interval().nats(), spark.state().interval().nats());
            assertEquals(single.state().interval().predictions(), spark.state().interval().predictions());
            assertEquals(6, sparkReports.size());
            assertTrue(sparkReports.get(1).valLoss() != null && sparkReports.getFirst().valLoss() == null);
        }
    }

    @Test
    void twoPartitionsOverIdenticalDataGiveTheParametersOfOne() throws IOException {
        // 950 characters of training text read by 5 streams of 190 (each a whole number of them), then validation
        String a = LocalSpark.text(950, 11);
        Path once = LocalSpark.write(dir, "once.txt", a + a.substring(0, 50));        // 95% of 1,000: a
        Path twice = LocalSpark.write(dir, "twice.txt", a + a + a.substring(0, 100)); // 95% of 2,000: a + a
        TrainingConfig five = new TrainingConfig(0.01f, 1e-6f, 5f, 5, 10, 8, 8, 1);
        RunSettings one = LocalSpark.settings(once, "lstm", "rmsprop", five, 24);
        RunSettings two = LocalSpark.settings(twice, "lstm", "rmsprop", five.withBatch(10), 24);
        try (SparkTrainer single = SparkTrainer.start(LocalSpark.context(), one, new Distribution(1, 4));
             SparkTrainer pair = SparkTrainer.start(LocalSpark.context(), two, new Distribution(2, 4))) {
            assertEquals(single.settings().data().load(null).vocabulary(), pair.settings().data().load(null).vocabulary());
            LocalSpark.assertSameParameters(single.model(), pair.model());
            single.train(24, m -> {});
            pair.train(24, m -> {});
            LocalSpark.assertSameParameters(single.model(), pair.model());
            LocalSpark.assertSameOptimizer(single.optimizerState(), pair.optimizerState());
            assertEquals(single.history().size(), pair.history().size());
            for (int i = 0; i < single.history().size(); i++) {
                assertEquals(single.history().get(i).loss(), pair.history().get(i).loss(), 1e-12);
            }
        }
    }

    @Test
    void aSavedRunResumedOnTheClusterOrOnOneMachineGoesOnExactly(@TempDir Path files) throws IOException {
        Path data = LocalSpark.write(dir, "corpus.txt", LocalSpark.text(3_000, 5));
        TrainingConfig eight = new TrainingConfig(0.01f, 1e-6f, 5f, 8, 10, 6, 6, 1);
        RunSettings settings = LocalSpark.settings(data, "lstm", "adam", eight, 30);
        Distribution d = new Distribution(2, 4);
        Path file = files.resolve("run.r4j");
        try (SparkTrainer straight = SparkTrainer.start(LocalSpark.context(), settings, d)) {
            straight.train(30, m -> {});
            try (SparkTrainer first = SparkTrainer.start(LocalSpark.context(), settings, d)) {
                first.train(16, m -> {}); // a save at a multiple of K, inside a report interval
                first.save(file, Map.of());
            }
            Checkpoint c = Checkpoint.load(file);
            assertEquals(d, SparkTrainer.recorded(c));
            assertEquals(settings, c.settings());
            try (SparkTrainer resumed = SparkTrainer.resume(LocalSpark.context(), c, c.settings(), SparkTrainer.recorded(c),
                    c.settings().data().load(c.saved().model().vocabulary()), 0)) {
                resumed.train(14, m -> {});
                LocalSpark.assertSameParameters(straight.model(), resumed.model());
                LocalSpark.assertSameOptimizer(straight.optimizerState(), resumed.optimizerState());
                LocalSpark.assertSamePosition(straight.state().position(), resumed.state().position());
                assertEquals(LocalSpark.withoutTiming(straight.history()), LocalSpark.withoutTiming(resumed.history()));
            }

            // the same checkpoint on one machine: one trainer with all eight streams continues it
            Trainer single = c.settings().data().load(c.saved().model().vocabulary()).trainer(c.saved().model(),
                    RunSettings.optimizer("adam"), c.trainer().config(), new SplitMix64(0));
            single.restore(c.trainer());
            single.train(14, m -> {});
            assertEquals(30, single.steps());
            assertEquals(straight.history().size(), single.history().size());
        }
    }

    @Test
    void aCheckpointOfTrainContinuesOnTheClusterExactlyWithOnePartitionAndWithAnyDivisorOfItsStreams(@TempDir Path files)
            throws IOException {
        Path data = LocalSpark.write(dir, "corpus.txt", LocalSpark.text(3_000, 8));
        TrainingConfig eight = new TrainingConfig(0.01f, 1e-6f, 5f, 8, 10, 4, 4, 1);
        RunSettings settings = LocalSpark.settings(data, "gru", "rmsprop", eight, 16);
        TrainingData.Loaded loaded = settings.data().load(null);
        Trainer straight = settings.newTrainer(loaded, new SplitMix64(settings.seed()).split());
        straight.train(16, m -> {});
        Trainer half = settings.newTrainer(loaded, new SplitMix64(settings.seed()).split());
        half.train(8, m -> {});
        Path file = files.resolve("train.r4j");
        Checkpoint.save(file, half, settings, Map.of());
        Checkpoint c = Checkpoint.load(file);
        assertEquals(new Distribution(1, 1), SparkTrainer.recorded(c));
        try (SparkTrainer one = SparkTrainer.resume(LocalSpark.context(), c, c.settings(), SparkTrainer.recorded(c),
                c.settings().data().load(c.saved().model().vocabulary()), 0)) {
            one.train(8, m -> {});
            LocalSpark.assertSameParameters(straight.model(), one.model());
            LocalSpark.assertSameOptimizer(straight.optimizer().state(), one.optimizerState());
            assertEquals(LocalSpark.withoutTiming(straight.history()), LocalSpark.withoutTiming(one.history()));
        }
        for (int partitions : new int[] {2, 4, 8}) {
            Checkpoint again = Checkpoint.load(file);
            try (SparkTrainer spread = SparkTrainer.resume(LocalSpark.context(), again, again.settings(),
                    new Distribution(partitions, 2), again.settings().data().load(again.saved().model().vocabulary()), 0)) {
                spread.train(8, m -> {});
                assertEquals(16, spread.steps());
                assertEquals(4, spread.history().size());
                assertTrue(Double.isFinite(spread.history().getLast().loss()));
                var where = (org.recurrent4j.train.TrainerState.Corpus) spread.state().position();
                assertEquals(((org.recurrent4j.train.TrainerState.Corpus) straight.state().position()).cursor(),
                        where.cursor(), "the streams stand where one trainer's stand");
            }
        }
    }
}
