package org.recurrent4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerRunTest {
    private static final PeerConfig LSTM_128_T2 = PeerConfig.standard().stream()
            .filter(c -> c.name().equals("lstm-2x128-t2")).findFirst().orElseThrow();

    @TempDir
    Path dir;

    private static String line(double elapsed, double speed) {
        return "{\"step\":1,\"elapsedSeconds\":" + elapsed + ",\"loss\":2.0,\"charsPerSecond\":" + speed + "}";
    }

    @Test
    void speedIsTheHarmonicMeanOfTheIntervalsThatBeganAfterTheWarmUp() throws IOException {
        assertEquals(5, PeerRun.WARM_UP_SECONDS);
        // intervals ending at 2, 4.9 and 5 began within the warm-up; the one after 5 began at it, so counts
        Path metrics = Files.writeString(dir.resolve("m.jsonl"), String.join("\n",
                line(2, 1), line(4.9, 10), line(5, 100), line(8, 1000), line(11, 3000)) + "\n");
        double speed = PeerRun.speedAfterWarmUp("x", metrics);
        assertEquals(2 / (1 / 1000.0 + 1 / 3000.0), speed, 1e-9);
        assertEquals(1500, speed, 1e-9);
    }

    @Test
    void aRunWithNoReportAfterTheWarmUpIsAnError() throws IOException {
        Path metrics = Files.writeString(dir.resolve("m.jsonl"), line(3, 500) + "\n" + line(4.99, 600) + "\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PeerRun.speedAfterWarmUp("lstm-2x128-t1", metrics));
        assertTrue(e.getMessage().startsWith("lstm-2x128-t1: no report after the warm-up"), e.getMessage());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, PeerRun.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, PeerRun.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(7.0, PeerRun.median(List.of(7.0)));
    }

    @Test
    void statsKeepTheRunsInOrderWithMedianAndRange() {
        JsonObject s = PeerRun.stats(List.of(3.0, 1.0, 2.0));
        assertEquals("[3.0,1.0,2.0]", s.getAsJsonArray("runs").toString());
        assertEquals(2.0, s.get("median").getAsDouble());
        assertEquals(1.0, s.get("min").getAsDouble());
        assertEquals(3.0, s.get("max").getAsDouble());
    }

    @Test
    void summaryGivesEachSideTheRatioOfPairsGflopsAndTheRoofFraction() {
        List<Double> engine = List.of(1000.0, 3000.0, 2000.0);
        List<Double> torch = List.of(2000.0, 1000.0, 1000.0);
        List<Double> pairs = List.of(0.5, 3.0, 2.0);
        JsonObject info = new JsonObject();
        info.addProperty("torch", "2.5.1");
        info.addProperty("blas", "openblas");
        info.addProperty("optimizer", "RMSprop");
        JsonObject r = PeerRun.summary(LSTM_128_T2, engine, torch, pairs, 40, info);

        long flops = LSTM_128_T2.flopsPerChar(66);
        assertEquals(flops, r.get("flopsPerChar").getAsLong());
        assertEquals("lstm-2x128-t2", r.get("name").getAsString());
        assertEquals(2, r.get("threads").getAsInt());
        assertEquals(2000.0, r.getAsJsonObject("recurrent4j").get("median").getAsDouble());
        assertEquals(1000.0, r.getAsJsonObject("pytorch").get("median").getAsDouble());
        assertEquals(1000.0, r.getAsJsonObject("pytorch").get("min").getAsDouble());
        assertEquals(2000.0, r.getAsJsonObject("pytorch").get("max").getAsDouble());
        // the ratio is that of the pairs, not the ratio of the medians (2.0 here too, so the range tells)
        JsonObject ratio = r.getAsJsonObject("ratio");
        assertEquals(2.0, ratio.get("median").getAsDouble());
        assertEquals(0.5, ratio.get("min").getAsDouble());
        assertEquals(3.0, ratio.get("max").getAsDouble());
        assertEquals(2000.0 * flops / 1e9, r.get("recurrent4jGflops").getAsDouble(), 1e-12);
        assertEquals(1000.0 * flops / 1e9, r.get("pytorchGflops").getAsDouble(), 1e-12);
        assertEquals(2000.0 * flops / 1e9 / (40 * 2), r.get("roofFraction").getAsDouble(), 1e-12);
        assertEquals("2.5.1", r.get("torchVersion").getAsString());
        assertEquals("openblas", r.get("torchBlas").getAsString());
        assertEquals("RMSprop", r.get("torchOptimizer").getAsString());
    }

    @Test
    void summaryOfTheSeedDemoCountsItsVocabularyAndOmitsAbsentTorchInfo() {
        PeerConfig seed = PeerConfig.standard().getLast();
        assertFalse(seed.corpus());
        JsonObject r = PeerRun.summary(seed, List.of(10.0), List.of(20.0), List.of(0.5), 30, null);
        assertEquals(seed.flopsPerChar(51), r.get("flopsPerChar").getAsLong());
        assertFalse(r.has("torchVersion"));
        assertEquals(10.0 * seed.flopsPerChar(51) / 1e9 / 30, r.get("roofFraction").getAsDouble(), 1e-15);
    }

    @Test
    void flopsPerCharCountThreeDenseProductPassesOfEachLayerAndTheDecoder() {
        // LSTM 2 x 128, E = 64, V = 66: 4 gates x 128 x (64 + 128), then 4 x 128 x 256, then 66 x 128
        long macs = 4L * 128 * (64 + 128) + 4L * 128 * (128 + 128) + 66L * 128;
        assertEquals(6 * macs, LSTM_128_T2.flopsPerChar(66));
        PeerConfig gru = new PeerConfig("g", "gru", 1, 10, 5, 1, 1, 1, true);
        assertEquals(6L * (3 * 10 * 15 + 7 * 10), gru.flopsPerChar(7));
        PeerConfig rnn = new PeerConfig("r", "rnn-tanh", 1, 10, 5, 1, 1, 1, true);
        assertEquals(6L * (10 * 15 + 7 * 10), rnn.flopsPerChar(7));
    }

    @Test
    void reportIntervalIsShorterForTheSlowLargeModels() {
        for (PeerConfig c : PeerConfig.standard()) {
            String expected = !c.corpus() ? "500" : c.hidden() >= 512 ? "2" : "10";
            assertEquals(expected, PeerRun.reportEvery(c), c.name());
        }
        assertEquals("2", PeerRun.reportEvery(new PeerConfig("x", "lstm", 2, 512, 64, 50, 50, 1, true)));
        assertEquals("10", PeerRun.reportEvery(new PeerConfig("x", "lstm", 2, 511, 64, 50, 50, 1, true)));
        assertEquals("500", PeerRun.reportEvery(new PeerConfig("x", "lstm", 2, 512, 64, 1, 0, 1, false)));
    }

    @Test
    void standardConfigurationsHaveDistinctNamesMatchingTheirShape() {
        List<PeerConfig> all = PeerConfig.standard();
        assertEquals(all.size(), all.stream().map(PeerConfig::name).distinct().count());
        for (PeerConfig c : all) {
            if (c.corpus()) assertEquals(c.kind() + "-2x" + c.hidden() + "-t" + c.threads(), c.name());
        }
    }
}
