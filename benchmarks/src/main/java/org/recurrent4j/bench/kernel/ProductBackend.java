package org.recurrent4j.bench.kernel;

/** Prepares gemm and gemv products for one implementation, from operands given as row-major float arrays. */
interface ProductBackend {
    /** A product computing C = op(A)·op(B) + beta·C; c holds C's starting value. */
    Product gemm(GemmShape shape, float[] a, float[] b, float[] c);

    /** A product computing y = op(A)·x. */
    Product gemv(GemvShape shape, float[] a, float[] x, float[] y);

    /** The backend for a benchmark's {@code impl} parameter: vector, scalar, ejml or openblas. */
    static ProductBackend named(String impl) {
        return switch (impl) {
            case "vector", "scalar" -> new EngineProducts(EngineKernels.named(impl));
            case "ejml" -> new EjmlProducts();
            case "openblas" -> new OpenBlasProducts();
            default -> throw new IllegalArgumentException("no matrix-product implementation named " + impl
                    + " (vector, scalar, ejml, openblas)");
        };
    }
}
