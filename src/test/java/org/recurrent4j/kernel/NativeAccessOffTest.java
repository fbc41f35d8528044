package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without native access the addresses are not read: gemv runs from column 0, gives the same bits as with it,
 * and the JVM prints no warning about restricted methods. It runs in a fresh JVM ({@link #main}) without
 * {@code --enable-native-access}.
 */
class NativeAccessOffTest {
    @Test
    void gemvRunsUnalignedWithoutAWarning() throws Exception {
        KernelTesting.vector();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx256m"));
        String bits = System.getProperty(Kernels.VECTOR_BITS_PROPERTY);
        if (bits != null) command.add("-D" + Kernels.VECTOR_BITS_PROPERTY + "=" + bits);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeAccessOffTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the fresh JVM did not finish in 2 minutes");
        }
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("available false, aligned loads false"), out);
        assertFalse(out.contains("restricted method"), out);
        // The same product in this JVM, where addresses are read, gives the same bits.
        assertTrue(HeapAlignment.available());
        assertTrue(out.contains("gemv bits " + checksum()), out);
    }

    /** A product big enough to start on a boundary where it can, as one number over its output bits. */
    private static long checksum() {
        SplittableRandom rng = new SplittableRandom(5);
        int m = 300, n = 16 * VectorShapes.LANES;
        float[] a = KernelTesting.uniform(rng, m * n, -1, 1), x = KernelTesting.uniform(rng, Math.max(m, n), -1, 1);
        float[] y = new float[m], yt = new float[n];
        MatMul mm = Kernels.vector().matMul();
        long sum = 0;
        for (int rep = 0; rep < 3; rep++) {
            mm.gemv(false, m, n, 1f, a, 0, n, x, 0, 0f, y, 0);
            mm.gemv(true, m, n, 1f, a, 0, n, x, 0, 0f, yt, 0);
            for (float v : y) sum = 31 * sum + Float.floatToIntBits(v);
            for (float v : yt) sum = 31 * sum + Float.floatToIntBits(v);
        }
        return sum;
    }

    public static void main(String[] args) {
        System.out.println("available " + HeapAlignment.available() + ", aligned loads "
                + Kernels.vector().alignedLoads());
        System.out.println("gemv bits " + checksum());
    }
}
