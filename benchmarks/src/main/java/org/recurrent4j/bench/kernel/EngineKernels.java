package org.recurrent4j.bench.kernel;

import org.recurrent4j.kernel.Kernels;

/** Maps the engine's values of the {@code impl} parameter to kernel sets. */
final class EngineKernels {
    private EngineKernels() {}

    /** {@code vector}: the Vector API kernels (failing loudly when they cannot run); {@code scalar}: their twins. */
    static Kernels named(String impl) {
        return switch (impl) {
            case "vector" -> Kernels.vector();
            case "scalar" -> Kernels.scalar();
            default -> throw new IllegalArgumentException("no engine kernels named " + impl + " (vector, scalar)");
        };
    }
}
