package org.recurrent4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces the report and the comparison build on: throughput units, result names, and the natural order. */
class MeasurementTest {
    private static Throughput of(String json) {
        return Throughput.of(JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    void flopsAndElementsCountersAreScaledToGiga() {
        Throughput t = of("{\"primaryMetric\":{\"score\":3,\"scoreError\":1,\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"elements\":{\"score\":2.5e9,\"scoreError\":5e8,\"scoreUnit\":\"ops/s\"},"
                + "\"flops\":{\"score\":4e10,\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\"}}}");
        assertEquals(new Throughput(40, Double.NaN, "GFLOPS", true), t);
        Throughput e = of("{\"primaryMetric\":{\"score\":3,\"scoreError\":1,\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"elements\":{\"score\":2.5e9,\"scoreError\":5e8,\"scoreUnit\":\"ops/s\"}}}");
        assertEquals(new Throughput(2.5, 0.5, "G elements/s", true), e);
    }

    @Test
    void anotherRateCounterIsUsedAsItIsButProfilerOutputsAreNot() {
        Throughput t = of("{\"primaryMetric\":{\"score\":3,\"scoreError\":1,\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"·gc.alloc.rate\":{\"score\":9,\"scoreError\":0,\"scoreUnit\":\"MB/s\"},"
                + "\"chars\":{\"score\":1234,\"scoreError\":5,\"scoreUnit\":\"ops/s\"}}}");
        assertEquals(new Throughput(1234, 5, "chars/s", true), t);
    }

    @Test
    void withoutCounterThePrimaryScoreCountsAndTimesAreBetterLower() {
        Throughput time = of("{\"primaryMetric\":{\"score\":20,\"scoreError\":null,\"scoreUnit\":\"ms/op\"},"
                + "\"secondaryMetrics\":{\"·gc.alloc.rate\":{\"score\":9,\"scoreError\":0,\"scoreUnit\":\"MB/s\"}}}");
        assertEquals("ms/op", time.unit());
        assertFalse(time.higherIsBetter());
        assertTrue(Double.isNaN(time.error()));
        assertEquals(2.0, new Throughput(10, 0, "ms/op", false).speedupOver(time));
        assertEquals(0.5, new Throughput(10, 0, "ops/s", true).speedupOver(new Throughput(20, 0, "ops/s", true)));
    }

    @Test
    void namesLayersAndCaseLabels() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("hidden", "128");
        params.put("batch", "1");
        Measurement m = new Measurement("org.recurrent4j.bench.kernel.GemvBenchmark.gemv", params, "vector", null);
        assertEquals("kernel", m.layer());
        assertEquals("Gemv.gemv", m.shortName());
        assertEquals("hidden=128 batch=1", m.caseLabel());
        assertEquals("org.recurrent4j.bench.kernel.GemvBenchmark.gemv hidden=128 batch=1 vector", m.key());
        Measurement top = new Measurement("org.recurrent4j.bench.GraphBenchmark.forward", Map.of(), null, null);
        assertEquals("graph", top.layer());
        assertEquals("(none)", top.caseLabel());
        assertEquals("org.recurrent4j.bench.GraphBenchmark.forward (none) null", top.key());
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        List<String> cases = new ArrayList<>(List.of("size=512", "size=64", "size=1024 batch=2", "size=1024 batch=10",
                "hidden=99999999999999999999", "hidden=100000000000000000000", "size=64x", "size="));
        cases.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("hidden=99999999999999999999", "hidden=100000000000000000000", "size=", "size=64",
                "size=64x", "size=512", "size=1024 batch=2", "size=1024 batch=10"), cases);
        assertEquals(0, NaturalOrder.INSTANCE.compare("a7", "a7"));
    }

    @Test
    void environmentFieldsByDottedPath() {
        JsonObject env = JsonParser.parseString("{\"cpu\":{\"model\":\"X\",\"flags\":[\"avx2\",\"fma\"]},\"n\":null}")
                .getAsJsonObject();
        ProfileRun run = new ProfileRun("p", env, List.of());
        assertEquals("X", run.env("cpu.model"));
        assertEquals("avx2 fma", run.env("cpu.flags"));
        assertEquals("?", run.env("cpu.missing"));
        assertEquals("?", run.env("n"));
        assertEquals("?", run.env("cpu.model.deeper"));
    }
}
