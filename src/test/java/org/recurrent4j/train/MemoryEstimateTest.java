package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CorpusData;

/** The estimate a run is refused by is close to the heap a run really holds. */
class MemoryEstimateTest {
    private static long heldBytes() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void theEstimateIsWithinAFactorOfWhatATrainerHolds() {
        CorpusData data = CorpusData.fromText("the quick brown fox jumps over the lazy dog. ".repeat(200), "fox");
        for (ModelKind kind : List.of(ModelKind.LSTM, ModelKind.GF_GRU)) {
            for (float dropout : new float[] {0f, 0.3f}) {
                TrainingConfig config = new TrainingConfig(0.01f, 0, 5, 40, 100, 100, 100, 1).withDropout(dropout);
                RunSettings s = new RunSettings(new TrainingData.Corpus(Path.of("fox.txt")), kind, List.of(64, 64), 16,
                        Init.Distribution.UNIFORM, "adam", config, 1, 10);
                long before = heldBytes();
                Trainer t = s.newTrainer(new TrainingData.LoadedCorpus(data), new SplitMix64(1));
                t.step();
                long held = heldBytes() - before;
                assertEquals(1, t.steps()); // keeps the trainer, and so what it holds, alive until here
                long estimate = MemoryEstimate.of(s, data.vocabulary().size(), 100).bytes();
                double ratio = estimate / (double) held;
                assertTrue(ratio > 0.6 && ratio < 1.6, kind + ", dropout " + dropout + ": estimate " + estimate + ", held "
                        + held);
            }
        }
    }

    @Test
    void sizesAreSaturatedNotOverflowed() {
        TrainingConfig config = new TrainingConfig(0.01f, 0, 5, Integer.MAX_VALUE, Integer.MAX_VALUE, 100, 100, 1);
        RunSettings s = new RunSettings(new TrainingData.Corpus(Path.of("x.txt")), ModelKind.LSTM, List.of(1 << 30),
                1 << 30, Init.Distribution.UNIFORM, "adam", config, 1, 10);
        MemoryEstimate e = MemoryEstimate.of(s, 10_000, Integer.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, e.bytes());
        assertTrue(e.largestMatrix() > MemoryEstimate.MAX_ARRAY);
        assertEquals("1.3 GB", MemoryEstimate.format(1_300_000_000L));
        assertEquals("840 MB", MemoryEstimate.format(840_000_000L));
    }
}
