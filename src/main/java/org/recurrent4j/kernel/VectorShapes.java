package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float species every Vector API kernel uses. It is a static final constant, so C2 folds it and vectors
 * never box; it is derived once from the CPU's preferred width, narrowed by {@code recurrent4j.vectorBits}.
 */
final class VectorShapes {
    private VectorShapes() {}

    static final VectorSpecies<Float> FLOAT = pick();
    static final int LANES = FLOAT.length();
    static final int BITS = FLOAT.vectorBitSize();

    private static VectorSpecies<Float> pick() {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        String forced = System.getProperty(Kernels.VECTOR_BITS_PROPERTY);
        if (forced == null || forced.isBlank()) return preferred;
        int bits;
        try {
            bits = Integer.parseInt(forced.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + Kernels.VECTOR_BITS_PROPERTY + "=" + forced
                    + " is not one of 128, 256, 512");
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("-D" + Kernels.VECTOR_BITS_PROPERTY + "=" + forced
                    + " is not one of 128, 256, 512");
        }
        // A species wider than the hardware's would run in software, far slower than scalar.
        if (bits > preferred.vectorBitSize()) return preferred;
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
