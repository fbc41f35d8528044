package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to the element-wise, activation, softmax and update kernels fails at entry, naming the op. */
class KernelArgumentsTest {

    /** Each bad call, keyed by what its message must start with and contain. */
    private static Map<String, Executable> badCalls(Kernels k) {
        ElementWise e = k.elementWise();
        Activations a = k.activations();
        Softmax s = k.softmax();
        Updates u = k.updates();
        float[] f4 = new float[4], f8 = new float[8], f12 = new float[12];
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("add:|out needs 5", () -> e.add(5, f8, 0, f8, 0, f4, 0));
        calls.put("sub:|n must be >= 0", () -> e.sub(-1, f4, 0, f4, 0, f4, 0));
        calls.put("mul:|b needs 4 elements from offset 1", () -> e.mul(4, f4, 0, f4, 1, f4, 0));
        calls.put("mulAdd:|a is null", () -> e.mulAdd(1, null, 0, f4, 0, f4, 0));
        calls.put("axpy:|from offset -1", () -> e.axpy(2, 1f, f4, -1, f4, 0));
        calls.put("scale:|x needs 5", () -> e.scale(5, 1f, f4, 0));
        calls.put("fill:|n must be >= 0", () -> e.fill(-3, 0f, f4, 0));
        calls.put("addColumnVector:|leading dimension", () -> e.addColumnVector(2, 4, f4, 0, f8, 0, 3));
        calls.put("sumColumns:|3x4", () -> e.sumColumns(3, 4, f8, 0, 4, f4, 0));
        calls.put("allFinite:|x needs 5", () -> e.allFinite(5, f4, 0));
        calls.put("sigmoid:|y needs 8", () -> a.sigmoid(8, f8, 0, f4, 0));
        calls.put("tanh:|n must be >= 0", () -> a.tanh(-1, f4, 0, f4, 0));
        calls.put("relu:|x needs 4 elements from offset 6", () -> a.relu(4, f8, 6, f8, 0));
        calls.put("sigmoidBackward:|dx needs 8", () -> a.sigmoidBackward(8, f8, 0, f8, 0, f4, 0));
        calls.put("tanhBackward:|dy needs 8", () -> a.tanhBackward(8, f8, 0, f4, 0, f8, 0));
        calls.put("reluBackward:|n must be >= 0", () -> a.reluBackward(-2, f4, 0, f4, 0, f4, 0));
        calls.put("softmax:|at least one element", () -> s.softmax(0, f4, 0, f4, 0));
        calls.put("logSoftmax:|y needs 8", () -> s.logSoftmax(8, f8, 0, f4, 0));
        calls.put("softmaxColumns:|x needs 12", () -> s.softmaxColumns(3, 4, f8, 0, f12, 0));
        calls.put("crossEntropy:|target 3 of column 1 is outside 0..2",
                () -> s.crossEntropy(3, 4, f12, 0, new int[] {0, 3, 1, -1}, 0, f12, 0, f4, 0));
        calls.put("crossEntropy:|targets needs 4", () -> s.crossEntropy(3, 4, f12, 0, new int[3], 0, f12, 0, f4, 0));
        calls.put("crossEntropy:|loss needs 4", () -> s.crossEntropy(3, 4, f12, 0, new int[4], 0, f12, 0, f4, 1));
        calls.put("crossEntropy:|at least one row", () -> s.crossEntropy(0, 4, f12, 0, new int[4], 0, f12, 0, f4, 0));
        calls.put("rmsprop:|cache needs 8", () -> u.rmsprop(8, f8, 0, f8, 0, f4, 0, 0.01f, 0f, 5f, 0.999f, 1e-8f));
        calls.put("rmsprop:|n must be >= 0", () -> u.rmsprop(-1, f8, 0, f8, 0, f4, 0, 0.01f, 0f, 5f, 0.999f, 1e-8f));
        calls.put("adam:|step number must be >= 1", () -> u.adam(4, f4, 0, f4, 0, f4, 0, f4, 0, 0.01f, 0f, 5f,
                0.9f, 0.999f, 1e-8f, 0));
        calls.put("adam:|v needs 8", () -> u.adam(8, f8, 0, f8, 0, f8, 0, f4, 0, 0.01f, 0f, 5f, 0.9f, 0.999f, 1e-8f, 1));
        calls.put("sgd:|dw needs 8", () -> u.sgd(8, f8, 0, f4, 0, 0.01f, 0f, 5f));
        return calls;
    }

    @ParameterizedTest
    @MethodSource("org.recurrent4j.kernel.KernelTesting#implementations")
    void badInputThrowsNamingTheOp(Kernels k) {
        for (var call : badCalls(k).entrySet()) {
            String[] expected = call.getKey().split("\\|");
            var ex = assertThrows(IllegalArgumentException.class, call.getValue(), k + " " + call.getKey());
            assertTrue(ex.getMessage().startsWith(expected[0]) && ex.getMessage().contains(expected[1]),
                    k + ": message '" + ex.getMessage() + "' should start with '" + expected[0] + "' and contain '"
                            + expected[1] + "'");
        }
    }
}
