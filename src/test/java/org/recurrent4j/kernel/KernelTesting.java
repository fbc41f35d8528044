package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Sizes, data and comparisons shared by the kernel tests. */
final class KernelTesting {
    private KernelTesting() {}

    /** Lanes of the widest species (512 bits): sizes up to 3·16 + 1 hit every tail length at every width. */
    static final int MAX_LANES = 16;

    /** Every n from 1 to 3·16 + 1, then large sizes (one a multiple of every width, one prime-like). */
    static int[] sizes() {
        return IntStream.concat(IntStream.rangeClosed(1, 3 * MAX_LANES + 1), IntStream.of(1000, 4099)).toArray();
    }

    /** The Vector API kernels, or the test is skipped (it cannot run without jdk.incubator.vector). */
    static Kernels vector() {
        assumeTrue(Kernels.vectorAvailable(), () -> "Vector API kernels unavailable: "
                + KernelSelection.vectorUnavailableReason());
        return Kernels.vector();
    }

    /** Both kernel sets, for properties each must have; the vector set only where it can run. */
    static Stream<Kernels> implementations() {
        return Kernels.vectorAvailable() ? Stream.of(Kernels.scalar(), Kernels.vector()) : Stream.of(Kernels.scalar());
    }

    /** Uniform floats in [lo, hi). */
    static float[] uniform(SplittableRandom rng, int length, double lo, double hi) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return a;
    }

    /** Multiples of 1/8 in [−8, 8]: their sums of up to 2^15 terms are exact in float, in any order. */
    static float[] dyadic(SplittableRandom rng, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) a[i] = rng.nextInt(-64, 65) / 8f;
        return a;
    }

    /** Bit-for-bit equality over whole arrays (guards included); NaNs compare equal to NaNs. */
    static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    /** |actual − expected| ≤ rel·|expected| + abs element by element, and NaN exactly where expected has NaN. */
    static void assertClose(float[] expected, float[] actual, double rel, double abs, String what) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : e == a || Math.abs(a - e) <= rel * Math.abs(e) + abs;
            if (!ok) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (rel " + rel
                        + ", abs " + abs + ")");
            }
        }
    }
}
