package org.recurrent4j.kernel;

/** Builds the Vector API kernel set; loaded by name from {@link KernelSelection} only when the module is present. */
final class VectorBackend {
    private VectorBackend() {}

    static Kernels create() {
        return new Kernels("vector", VectorShapes.BITS, KernelSelection.hasFastFma(), new VectorMatMul(),
                new VectorElementWise(), new VectorActivations(), new VectorSoftmax(), new VectorUpdates(),
                new VectorCells());
    }
}
