package org.recurrent4j.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The figure a result is judged by, in display units: the benchmark's own secondary rate when it counts one
 * ({@code flops} as GFLOPS, {@code elements} as G elements/s, any other counter as its name per second), else
 * JMH's primary score in its own unit. Rates are better when higher, times (unit {@code .../op}) when lower.
 */
record Throughput(double value, double error, String unit, boolean higherIsBetter) {

    private record Known(String counter, double scale, String unit) {}

    private static final List<Known> KNOWN = List.of(
            new Known("flops", 1e9, "GFLOPS"),
            new Known("elements", 1e9, "G elements/s"));

    static Throughput of(JsonObject result) {
        JsonObject secondary = result.has("secondaryMetrics") ? result.getAsJsonObject("secondaryMetrics") : new JsonObject();
        for (Known k : KNOWN) {
            if (secondary.has(k.counter())) return scaled(secondary.getAsJsonObject(k.counter()), k.scale(), k.unit());
        }
        for (var e : secondary.entrySet()) {
            // Profiler outputs (·gc.alloc.rate and the like) start with a dot; a counter of the benchmark does not.
            String unit = e.getValue().getAsJsonObject().get("scoreUnit").getAsString();
            if (!e.getKey().startsWith("·") && unit.endsWith("/s")) {
                return scaled(e.getValue().getAsJsonObject(), 1, e.getKey() + "/s");
            }
        }
        JsonObject primary = result.getAsJsonObject("primaryMetric");
        String unit = primary.get("scoreUnit").getAsString();
        return new Throughput(number(primary.get("score")), number(primary.get("scoreError")), unit,
                !unit.endsWith("/op"));
    }

    private static Throughput scaled(JsonObject metric, double scale, String unit) {
        return new Throughput(number(metric.get("score")) / scale, number(metric.get("scoreError")) / scale, unit, true);
    }

    /** JMH writes "NaN" for the error of a single iteration. */
    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : Double.parseDouble(e.getAsString());
    }

    /** How many times better this is than other: above 1 when better, whichever way the unit runs. */
    double speedupOver(Throughput other) {
        return higherIsBetter ? value / other.value : other.value / value;
    }
}
