package org.recurrent4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.TrainingConfig;

/** Local SGD learns: two partitions averaging every 8 steps bring the training and validation losses down. */
class LearningTest {
    @TempDir
    Path dir;

    @Test
    void withTwoPartitionsAveragingEveryEightStepsTheLossFalls() throws IOException {
        Path data = LocalSpark.write(dir, "words.txt", LocalSpark.text(20_000, 17));
        TrainingConfig config = new TrainingConfig(0.01f, 1e-6f, 5f, 8, 20, 16, 16, 1);
        RunSettings settings = LocalSpark.settings(data, "lstm", "rmsprop", config, 96);
        try (SparkTrainer spark = SparkTrainer.start(LocalSpark.context(), settings, new Distribution(2, 8))) {
            double untrained = Math.log(spark.model().vocabulary().size());
            List<Metrics> reports = new ArrayList<>();
            spark.train(96, reports::add);
            assertEquals(6, reports.size());
            Metrics first = reports.getFirst();
            Metrics last = reports.getLast();
            assertTrue(first.loss() < untrained + 0.1, first + " against ln |V| = " + untrained);
            assertTrue(last.loss() < first.loss() - 0.3, "the training loss falls: " + reports);
            assertTrue(last.valLoss() < first.valLoss() - 0.3, "the validation loss falls: " + reports);
            assertEquals(96.0 / ((20_000 * 95 / 100 / 8 - 1) / 20), last.epoch(), 1e-12);
        }
    }
}
