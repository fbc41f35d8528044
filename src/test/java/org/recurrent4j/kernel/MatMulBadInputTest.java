package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both kernel sets reject malformed products at entry, with a message naming the op and the shape. */
class MatMulBadInputTest {

    static Stream<MatMul> implementations() {
        return Stream.of(Kernels.scalar().matMul(), ProductReference.vector());
    }

    private static void rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void leadingDimensionSmallerThanTheRow(MatMul mm) {
        float[] a = new float[12], b = new float[20], c = new float[15];
        // A is 3x4 (NN) but lda = 3.
        rejects(() -> mm.gemm(false, false, 3, 5, 4, 1f, a, 0, 3, b, 0, 5, 0f, c, 0, 5), "gemmNN", "A is 3x4",
                "leading dimension is 3");
        // Stored B of gemmNT is 5x4: ldb = 3 is too small.
        rejects(() -> mm.gemm(false, true, 3, 5, 4, 1f, a, 0, 4, b, 0, 3, 0f, c, 0, 5), "gemmNT", "B is 5x4");
        // Stored A of gemmTN is 4x3: lda = 2 is too small.
        rejects(() -> mm.gemm(true, false, 3, 5, 4, 1f, a, 0, 2, b, 0, 5, 0f, c, 0, 5), "gemmTN", "A is 4x3");
        rejects(() -> mm.gemm(false, false, 3, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 4), "gemmNN", "C is 3x5");
        rejects(() -> mm.gemv(false, 3, 4, 1f, a, 0, 2, new float[4], 0, 0f, new float[3], 0), "gemvN", "A is 3x4");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void arraysTooShort(MatMul mm) {
        float[] a = new float[12], b = new float[20], c = new float[15];
        rejects(() -> mm.gemm(false, false, 3, 5, 4, 1f, new float[11], 0, 4, b, 0, 5, 0f, c, 0, 5), "gemmNN",
                "A 3x4", "length 11");
        rejects(() -> mm.gemm(true, true, 3, 5, 4, 1f, a, 0, 3, b, 1, 4, 0f, c, 0, 5), "gemmTT", "B 5x4",
                "offset 1");
        rejects(() -> mm.gemm(false, false, 3, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, new float[14], 0, 5), "gemmNN",
                "C 3x5");
        rejects(() -> mm.gemm(false, false, 3, 5, 4, 1f, a, -1, 4, b, 0, 5, 0f, c, 0, 5), "gemmNN", "A 3x4");
        rejects(() -> mm.gemv(false, 3, 4, 1f, a, 0, 4, new float[3], 0, 0f, new float[3], 0), "gemvN", "x");
        rejects(() -> mm.gemv(true, 3, 4, 1f, a, 0, 4, new float[3], 0, 0f, new float[3], 0), "gemvT", "y");
        rejects(() -> mm.gemm(false, false, 3, 5, 4, 1f, null, 0, 4, b, 0, 5, 0f, c, 0, 5), "gemmNN", "A is null");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void negativeSizes(MatMul mm) {
        float[] a = new float[12], b = new float[20], c = new float[15];
        rejects(() -> mm.gemm(false, false, -1, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 5), "gemmNN", "m", "-1");
        rejects(() -> mm.gemm(false, true, 3, -5, 4, 1f, a, 0, 4, b, 0, 4, 0f, c, 0, 5), "gemmNT", "n", "-5");
        rejects(() -> mm.gemm(true, false, 3, 5, -4, 1f, a, 0, 3, b, 0, 5, 0f, c, 0, 5), "gemmTN", "k", "-4");
        rejects(() -> mm.gemv(true, -3, 4, 1f, a, 0, 4, new float[3], 0, 0f, new float[4], 0), "gemvT", "-3");
    }
}
