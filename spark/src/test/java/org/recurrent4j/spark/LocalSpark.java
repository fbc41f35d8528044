package org.recurrent4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingConfig;
import org.recurrent4j.train.TrainingData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tests' one local[2] Spark context (two executor threads in this JVM), and what the tests share. */
final class LocalSpark {
    private static JavaSparkContext context;

    private LocalSpark() {}

    static synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("recurrent4j-spark tests")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1"));
        }
        return context;
    }

    /** A text of made-up words over a few letters, from {@code seed}: something a small model learns quickly. */
    static String text(int length, long seed) {
        String[] words = {"the ", "cat ", "sat ", "on ", "a ", "mat ", "and ", "hat ", "that ", "at ", "tan ", "mast. "};
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(length + 8);
        while (sb.length() < length) sb.append(words[rng.nextInt(words.length)]);
        sb.setLength(length);
        return sb.toString();
    }

    static Path write(Path dir, String name, String text) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static RunSettings settings(Path data, String kind, String optimizer, TrainingConfig config, long steps) {
        return new RunSettings(new TrainingData.Corpus(data), ModelKind.of(kind), List.of(12, 10), 4,
                Init.Distribution.UNIFORM, optimizer, config, 5, steps);
    }

    static float[][] values(CharModel m) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            var mat = p.mat();
            out.add(java.util.Arrays.copyOfRange(mat.w, mat.offset, mat.offset + mat.size()));
        }
        return out.toArray(float[][]::new);
    }

    static void assertSameParameters(CharModel expected, CharModel actual) {
        float[][] a = values(expected);
        float[][] b = values(actual);
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], expected.parameters().get(i).name() + " differs");
        }
    }

    static void assertSameOptimizer(OptimizerState expected, OptimizerState actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.steps(), actual.steps());
        assertEquals(expected.buffers().keySet(), actual.buffers().keySet());
        for (String name : expected.buffers().keySet()) {
            assertArrayEquals(expected.buffers().get(name), actual.buffers().get(name), "optimizer buffer " + name);
        }
    }

    static void assertSamePosition(TrainerState.Position expected, TrainerState.Position actual) {
        TrainerState.Corpus a = (TrainerState.Corpus) expected;
        TrainerState.Corpus b = (TrainerState.Corpus) actual;
        assertEquals(a.cursor(), b.cursor());
        assertEquals(a.chunkEpoch(), b.chunkEpoch());
        assertEquals(a.hidden().size(), b.hidden().size());
        for (int l = 0; l < a.hidden().size(); l++) assertArrayEquals(a.hidden().get(l), b.hidden().get(l), "hidden " + l);
        assertEquals(a.cells().size(), b.cells().size());
        for (int l = 0; l < a.cells().size(); l++) assertArrayEquals(a.cells().get(l), b.cells().get(l), "cells " + l);
    }

    /** A report without its two timings, the only fields that may differ between equal runs. */
    static String withoutTiming(Metrics m) {
        return m.step() + " " + m.loss() + " " + m.perplexity() + " " + m.medianPerplexity() + " " + m.valLoss()
                + " " + m.epoch();
    }

    static List<String> withoutTiming(List<Metrics> ms) {
        return ms.stream().map(LocalSpark::withoutTiming).toList();
    }
}
