package org.recurrent4j.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.kernel.Kernels;

class StepBreakdownTest {
    private static final String K = "org.recurrent4j.kernel.";
    private static final String LOOP = K + "Recurrence.forward";
    private static final String STEP = "org.recurrent4j.train.Trainer.step";

    @TempDir
    Path dir;

    /** A stack written outermost first, as one reads it, and handed over innermost first, as JFR gives it. */
    private static List<String> stack(String... outermostFirst) {
        return List.of(outermostFirst).reversed();
    }

    private static String part(String... outermostFirst) {
        return StepBreakdown.part(stack(outermostFirst));
    }

    @Test
    void productsInsideAndOutsideTheTimeLoop() {
        assertEquals("products in the time loop",
                part("java.lang.Thread.run", STEP, LOOP, K + "VectorMatMul.gemm", K + "GemmMicroKernel.tile"));
        assertEquals("products in the time loop", part(STEP, LOOP, K + "GemvKernel.run"));
        assertEquals("large products", part(STEP, "org.recurrent4j.graph.Graph.backward", K + "MatMul.gemm",
                K + "VectorMatMul.gemmPackedUnchecked"));
        assertEquals("large products", part(STEP, K + "GemmPacking.pack"));
    }

    @Test
    void theOutermostKernelDecidesSoThatAFusedCellsExponentialsCountAsTheCell() {
        assertEquals("cells in the time loop", part(STEP, LOOP, K + "VectorCells.lstm", K + "VectorMath.exp"));
        assertEquals("element-wise and activations", part(STEP, K + "VectorCells.lstm", K + "VectorMath.exp"));
        assertEquals("large products", part(STEP, K + "VectorMatMul.gemm", "org.recurrent4j.optim.RmsProp.step"));
    }

    @Test
    void kernelThreadsAndTheRecurrenceAreNotKernelsOfTheirOwn() {
        assertEquals("products in the time loop",
                part("java.lang.Thread.run", K + "KernelThreads$Worker.run", K + "VectorMatMul.gemm", LOOP));
        assertEquals("graph bookkeeping and copies", part(STEP, LOOP));
        assertEquals("graph bookkeeping and copies", part(K + "KernelThreads.run"));
    }

    @Test
    void elementWiseSoftmaxOptimizerAndValidation() {
        assertEquals("element-wise in the time loop", part(STEP, LOOP, K + "VectorElementWise.add"));
        assertEquals("element-wise and activations", part(STEP, K + "VectorActivations.tanh"));
        assertEquals("softmax and loss", part(STEP, K + "VectorSoftmax.crossEntropy"));
        assertEquals("optimizer", part(STEP, K + "VectorUpdates.rmsProp"));
        assertEquals("optimizer", part(STEP, "org.recurrent4j.optim.RmsProp.step", K + "VectorUpdates.rmsProp"));
        assertEquals("validation", part(STEP, "org.recurrent4j.text.Evaluator.loss", K + "VectorMatMul.gemm"));
    }

    @Test
    void engineFramesWithoutKernelAreBookkeepingAndOthersAreOutside() {
        assertEquals("graph bookkeeping and copies", part(STEP, "org.recurrent4j.graph.Graph.backward"));
        assertEquals("outside the engine", part("java.lang.Thread.run", "java.util.Arrays.fill"));
        assertEquals("outside the engine", StepBreakdown.part(List.of()));
    }

    @Test
    void sharesAreOfTheEnginesSamplesAndTheSummaryNamesThePartsSeen() {
        StepBreakdown b = new StepBreakdown();
        List<List<String>> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) samples.add(stack("java.lang.Thread.run"));
        for (int i = 0; i < 4; i++) samples.add(stack(STEP, LOOP, K + "VectorMatMul.gemm"));
        for (int i = 0; i < 2; i++) samples.add(stack(STEP, LOOP, K + "VectorCells.gru"));
        for (int i = 0; i < 2; i++) samples.add(stack("org.recurrent4j.optim.RmsProp.step"));
        samples.forEach(b::add);

        JsonObject o = b.toJson();
        assertEquals(10, o.get("samples").getAsInt());
        assertEquals(0.2, o.get("outsideTheEngine").getAsDouble(), 1e-12);
        JsonObject shares = o.getAsJsonObject("shares");
        assertEquals(StepBreakdown.PARTS.subList(0, StepBreakdown.PARTS.size() - 1), List.copyOf(shares.keySet()));
        assertEquals(0.5, shares.get("products in the time loop").getAsDouble(), 1e-12);
        assertEquals(0.25, shares.get("cells in the time loop").getAsDouble(), 1e-12);
        assertEquals(0.25, shares.get("optimizer").getAsDouble(), 1e-12);
        assertEquals(0.0, shares.get("large products").getAsDouble());
        assertEquals("products in the time loop 50%, cells in the time loop 25%, optimizer 25%", b.summary());
    }

    @Test
    void readsExecutionSamplesFromARecordingAfterTheSkippedSeconds() throws IOException {
        Path jfr = dir.resolve("gemm.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            busyProducts(700);
            r.stop();
            r.dump(jfr);
        }
        JsonObject o = StepBreakdown.read(jfr, 0).toJson();
        assertTrue(o.get("samples").getAsInt() > 0, o.toString());
        JsonObject shares = o.getAsJsonObject("shares");
        double sum = shares.keySet().stream().mapToDouble(k -> shares.get(k).getAsDouble()).sum();
        assertEquals(1.0, sum, 1e-9);
        assertTrue(shares.get("large products").getAsDouble() > 0.5, "the test's gemm loop: " + o);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StepBreakdown.read(jfr, 3600));
        assertTrue(e.getMessage().endsWith("holds no execution samples"), e.getMessage());
    }

    @Test
    void aRecordingWithoutExecutionSamplesIsAnError() throws IOException {
        Path jfr = dir.resolve("empty.jfr");
        try (Recording r = new Recording()) {
            r.start();
            r.stop();
            r.dump(jfr);
        }
        assertThrows(IllegalStateException.class, () -> StepBreakdown.read(jfr, 0));
    }

    /** Products outside any time loop for about {@code millis} milliseconds. */
    private static void busyProducts(long millis) {
        int n = 64;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        java.util.Arrays.fill(a, 0.5f);
        java.util.Arrays.fill(b, 0.25f);
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Kernels.scalar().matMul().gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        }
    }
}
