package org.recurrent4j.bench.peers;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a training step's time goes, from the execution samples of a JFR recording of {@code train}: each sample
 * is put in one part by the methods on its stack, the innermost that decides. The parts follow the step: the
 * products and the fused cells inside the time loop, the large products outside it (input projections,
 * decoder, weight and input gradients over all steps), element-wise work, softmax and loss, the optimizer, the
 * graph's own bookkeeping and copies, and what is not the engine's at all (JVM start, JIT, data loading).
 */
final class StepBreakdown {
    static final List<String> PARTS = List.of("products in the time loop", "cells in the time loop",
            "element-wise in the time loop", "large products", "element-wise and activations", "softmax and loss",
            "optimizer", "validation", "graph bookkeeping and copies", "outside the engine");

    private final Map<String, Integer> samples = new LinkedHashMap<>();
    private int total;

    StepBreakdown() {
        for (String p : PARTS) samples.put(p, 0);
    }

    /** Prints the breakdown of each JFR recording named: {@code java -cp benchmarks.jar ...StepBreakdown X.jfr}. */
    public static void main(String[] args) throws IOException {
        for (String a : args) System.out.println(a + ": " + read(Path.of(a), 0).summary());
    }

    /** The samples of {@code jfr} taken from {@code skipSeconds} after its first one on (the JIT's warm-up before). */
    static StepBreakdown read(Path jfr, double skipSeconds) throws IOException {
        StepBreakdown b = new StepBreakdown();
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null)
                .toList();
        var first = events.stream().map(RecordedEvent::getStartTime).min(java.util.Comparator.naturalOrder());
        for (RecordedEvent e : events) {
            if (java.time.Duration.between(first.orElseThrow(), e.getStartTime()).toMillis() < skipSeconds * 1000) {
                continue;
            }
            b.add(e.getStackTrace().getFrames().stream().map(StepBreakdown::name).toList());
        }
        if (b.total == 0) throw new IllegalStateException(jfr + " holds no execution samples");
        return b;
    }

    /** Counts one sample, its stack's frames innermost first. */
    void add(List<String> frames) {
        samples.merge(part(frames), 1, Integer::sum);
        total++;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /**
     * The part a stack (innermost frame first) belongs to: that of the outermost kernel the engine called (so
     * that the exponentials inside a fused cell count as the cell), or the optimizer, the validation or the
     * graph's own work when no kernel is running.
     */
    static String part(List<String> frames) {
        boolean inLoop = frames.stream().anyMatch(f -> f.startsWith("org.recurrent4j.kernel.Recurrence."));
        boolean engine = false;
        String kernel = null;
        for (String f : frames.reversed()) {
            if (!f.startsWith("org.recurrent4j.")) continue;
            engine = true;
            String cls = f.substring("org.recurrent4j.".length(), f.lastIndexOf('.'));
            if (cls.startsWith("optim.")) return "optimizer";
            if (cls.equals("text.Evaluator")) return "validation";
            if (cls.startsWith("kernel.") && !cls.startsWith("kernel.Recurrence") && !cls.startsWith("kernel.KernelThreads")) {
                kernel = cls.substring("kernel.".length());
                break;
            }
        }
        if (kernel == null) return engine ? "graph bookkeeping and copies" : "outside the engine";
        if (kernel.contains("MatMul") || kernel.startsWith("Gemm") || kernel.startsWith("Gemv")) {
            return inLoop ? "products in the time loop" : "large products";
        }
        if (kernel.contains("Cells")) return inLoop ? "cells in the time loop" : "element-wise and activations";
        if (kernel.contains("Softmax")) return "softmax and loss";
        if (kernel.contains("Updates")) return "optimizer";
        return inLoop ? "element-wise in the time loop" : "element-wise and activations";
    }

    /** Each part's share of the engine's samples (those outside it are reported apart). */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        int outside = samples.get("outside the engine");
        o.addProperty("samples", total);
        o.addProperty("outsideTheEngine", (double) outside / total);
        JsonObject shares = new JsonObject();
        for (String p : PARTS) {
            if (!p.equals("outside the engine")) shares.addProperty(p, (double) samples.get(p) / (total - outside));
        }
        o.add("shares", shares);
        return o;
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        int inside = total - samples.get("outside the engine");
        for (String p : PARTS) {
            if (p.equals("outside the engine") || samples.get(p) == 0) continue;
            if (!s.isEmpty()) s.append(", ");
            s.append(String.format(Locale.ROOT, "%s %.0f%%", p, 100.0 * samples.get(p) / inside));
        }
        return s.toString();
    }
}
