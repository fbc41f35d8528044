package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels that use transcendentals or sum across lanes give the same bits on their very first
 * call, which the interpreter runs, as after 20,000 calls, when C2 has compiled them: what a training run resumed
 * in a fresh JVM needs to reproduce an uninterrupted one. It runs in a fresh JVM ({@link #main}) so that the first
 * call really is the first; that JVM prints its compilations, and the test checks that C2 compiled the kernels.
 */
class VectorDeterminismTest {
    private static final int WARM_UP_CALLS = 20_000;
    private static final Pattern COMPILATION = Pattern.compile("^\\s*\\d+\\s+\\d+\\s");
    private static final String[] COMPILED = {"VectorActivations::sigmoidUnchecked",
            "VectorActivations::tanhUnchecked", "VectorSoftmax::expSum", "VectorSoftmax::expSumColumns",
            "VectorElementWise::sum", "GemvKernel::dotRowsFromStart", "GemvKernel::dotRowsShifted"};

    @Test
    void firstCallGivesTheSameBitsAsCompiledCalls() throws Exception {
        KernelTesting.vector();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx256m", "-XX:+PrintCompilation"));
        String bits = System.getProperty(Kernels.VECTOR_BITS_PROPERTY);
        if (bits != null) command.add("-D" + Kernels.VECTOR_BITS_PROPERTY + "=" + bits);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(GemmTuning.PROPERTY_PREFIX)) command.add("-D" + name + "=" + System.getProperty(name));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VectorDeterminismTest.class.getName()));
        File log = File.createTempFile("recurrent4j-determinism", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the fresh JVM did not finish in 5 minutes");
        }
        String out = Files.readString(log.toPath());
        Files.delete(log.toPath());
        String report = String.join("\n", out.lines().filter(l -> !COMPILATION.matcher(l).find()).toList());
        System.out.println(report);
        assertEquals(0, p.exitValue(), report);
        List<String> compiled = new ArrayList<>(List.of(COMPILED));
        if (VectorMatMul.WIDE) compiled.add("GemvKernel::dotRows6"); // the three-vector tiles' last columns
        for (String method : compiled) {
            // PrintCompilation: "<time> <id> <flags> 4 org.recurrent4j.kernel.<method> ...", level 4 is C2.
            Pattern c2 = Pattern.compile("\\s4\\s+org\\.recurrent4j\\.kernel\\." + Pattern.quote(method) + "\\s");
            assertTrue(c2.matcher(out).find(), "C2 never compiled " + method);
        }
    }

    /** In the fresh JVM: every kernel's output bits at the first call, and again after the warm-up. */
    public static void main(String[] args) {
        List<String> names = List.of("sigmoid", "tanh", "softmax", "logSoftmax", "softmaxColumns", "crossEntropy",
                "sumColumns", "gemvN", "gemvT", "gemmNN", "gemmNT", "gemmTN", "gemmNN three-vector tiles and dots",
                "gemvN from a shifted start", "gemvT from a shifted start");
        List<Supplier<int[]>> kernels = kernels(Kernels.vector());
        List<int[]> first = new ArrayList<>();
        for (Supplier<int[]> k : kernels) first.add(k.get());
        for (int c = 0; c < WARM_UP_CALLS; c++) {
            for (Supplier<int[]> k : kernels) k.get();
        }
        int failures = 0;
        for (int i = 0; i < kernels.size(); i++) {
            int[] compiled = kernels.get(i).get();
            int differ = 0;
            for (int j = 0; j < compiled.length; j++) if (compiled[j] != first.get(i)[j]) differ++;
            System.out.println(names.get(i) + ": " + (differ == 0 ? "bit-identical"
                    : differ + " of " + compiled.length + " outputs differ") + " after " + WARM_UP_CALLS + " calls");
            if (differ > 0) failures++;
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Each kernel on fixed inputs (a tail at every width, and special values), returning its outputs' raw bits. */
    private static List<Supplier<int[]>> kernels(Kernels v) {
        SplittableRandom rng = new SplittableRandom(23);
        int n = 4099, rows = 33, cols = 125;
        float[] x = KernelTesting.uniform(rng, n, -20, 20);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 100f, -100f, 1e4f,
                -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 88.7f, -88.7f, -87.5f};
        System.arraycopy(special, 0, x, 0, special.length);
        float[] logits = KernelTesting.uniform(rng, rows * cols, -20, 20);
        int[] targets = new int[cols];
        for (int j = 0; j < cols; j++) targets[j] = rng.nextInt(8) == 0 ? -1 : rng.nextInt(rows);
        float[] y = new float[n];
        float[] grad = new float[rows * cols];
        float[] loss = new float[cols];
        float[] sums = new float[rows];
        int finite = special.length; // softmax needs finite input
        int pm = 83, pk = 61, pn = 37; // products: odd sizes, so every edge kernel and tail runs
        float[] pa = KernelTesting.uniform(rng, pm * pk, -1, 1);
        float[] pb = KernelTesting.uniform(rng, pk * pn, -1, 1);
        float[] px = KernelTesting.uniform(rng, Math.max(pm, pk), -1, 1);
        float[] py = new float[Math.max(pm, pk)];
        float[] pc = new float[pm * Math.max(pn, pm)];
        int pw = 3 * VectorShapes.LANES + 2; // three-vector tiles and two columns of dot products
        float[] pbw = KernelTesting.uniform(rng, pk * pw, -1, 1);
        float[] pcw = new float[pm * pw];
        MatMul mm = v.matMul();
        int sn = 3 * VectorShapes.LANES, shift = VectorShapes.LANES / 2; // a shifted start: head and tail vectors
        float[] sa = KernelTesting.uniform(rng, VectorShapes.LANES + pm * sn, -1, 1);
        return List.of(
                () -> { v.activations().sigmoid(n, x, 0, y, 0); return raw(y); },
                () -> { v.activations().tanh(n, x, 0, y, 0); return raw(y); },
                () -> { v.softmax().softmax(n - finite, x, finite, y, 0); return raw(y); },
                () -> { v.softmax().logSoftmax(n - finite, x, finite, y, 0); return raw(y); },
                () -> { v.softmax().softmaxColumns(rows, cols, logits, 0, grad, 0); return raw(grad); },
                () -> {
                    double total = v.softmax().crossEntropy(rows, cols, logits, 0, targets, 0, grad, 0, loss, 0);
                    int[] bits = Arrays.copyOf(raw(grad), rows * cols + cols + 2);
                    System.arraycopy(raw(loss), 0, bits, rows * cols, cols);
                    long t = Double.doubleToRawLongBits(total);
                    bits[bits.length - 2] = (int) t;
                    bits[bits.length - 1] = (int) (t >>> 32);
                    return bits;
                },
                () -> {
                    Arrays.fill(sums, 0f);
                    v.elementWise().sumColumns(rows, cols, logits, 0, cols, sums, 0);
                    return raw(sums);
                },
                () -> { mm.gemv(false, pm, pk, 1f, pa, 0, pk, px, 0, 0f, py, 0); return raw(py); },
                () -> { mm.gemv(true, pm, pk, 1f, pa, 0, pk, px, 0, 0f, py, 0); return raw(py); },
                () -> { mm.gemm(false, false, pm, pn, pk, 1f, pa, 0, pk, pb, 0, pn, 0f, pc, 0, pn); return raw(Arrays.copyOf(pc, pm * pn)); },
                () -> { mm.gemm(false, true, pm, pm, pk, 1f, pa, 0, pk, pa, 0, pk, 0f, pc, 0, pm); return raw(Arrays.copyOf(pc, pm * pm)); },
                () -> { mm.gemm(true, false, pk, pn, pm, 1f, pa, 0, pk, pa, 0, pk, 0f, pc, 0, pn); return raw(Arrays.copyOf(pc, pk * pn)); },
                () -> { mm.gemm(false, false, pm, pw, pk, 1f, pa, 0, pk, pbw, 0, pw, 0f, pcw, 0, pw); return raw(pcw); },
                () -> {
                    GemvKernel.dotRowsShifted(pm, sn, 1f, sa, VectorShapes.LANES, sn, px, 0, 0f, py, 0, 1, shift);
                    return raw(py);
                },
                () -> {
                    GemvKernel.axpyRows(pm, sn, 1f, sa, VectorShapes.LANES, sn, px, 0, 1, 0f, py, 0, shift);
                    return raw(Arrays.copyOf(py, sn));
                });
    }

    private static int[] raw(float[] a) {
        int[] bits = new int[a.length];
        for (int i = 0; i < a.length; i++) bits[i] = Float.floatToRawIntBits(a[i]);
        return bits;
    }
}
