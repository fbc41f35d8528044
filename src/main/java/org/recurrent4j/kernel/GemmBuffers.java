package org.recurrent4j.kernel;

/**
 * One thread's scratch arrays for the matrix products: packed panels of A and B, a spill tile for edge tiles
 * and a vector for strided operands. They grow on demand and are reused across calls, so products allocate
 * nothing in the steady state, and each thread has its own, so models can be used from many threads at once.
 */
final class GemmBuffers {
    private static final ThreadLocal<GemmBuffers> LOCAL = ThreadLocal.withInitial(GemmBuffers::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] vector = new float[0];
    private float[] product = new float[0];
    private final float[] spill = new float[GemmMicroKernel.MR * GemmMicroKernel.NR3];

    private GemmBuffers() {}

    static GemmBuffers get() {
        return LOCAL.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) packedA = new float[size];
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) packedB = new float[size];
        return packedB;
    }

    float[] vector(int size) {
        if (vector.length < size) vector = new float[size];
        return vector;
    }

    /** A whole product's result, for paths that compute it before adding it into C. */
    float[] product(int size) {
        if (product.length < size) product = new float[size];
        return product;
    }

    float[] spill() {
        return spill;
    }
}
