package org.recurrent4j.kernel;

/**
 * One complete set of numerical kernels: the Vector API set or its scalar twin. {@link #get()} returns the set
 * chosen for this JVM; {@link #scalar()} and {@link #vector()} give a specific one (for tests and benchmarks).
 *
 * <p>Selection is controlled by two system properties: {@code recurrent4j.kernels} = {@code auto} (default),
 * {@code vector} or {@code scalar}; and {@code recurrent4j.vectorBits} = 128, 256 or 512 to narrow the species
 * below the CPU's preferred width.
 */
public final class Kernels {
    /** The system property that forces {@code scalar} or {@code vector} kernels. */
    public static final String IMPLEMENTATION_PROPERTY = "recurrent4j.kernels";
    /** The system property that forces a vector width in bits (128, 256 or 512). */
    public static final String VECTOR_BITS_PROPERTY = "recurrent4j.vectorBits";

    private final String implementation;
    private final int vectorBits;
    private final boolean fma;
    private final MatMul matMul;
    private final ElementWise elementWise;
    private final Activations activations;
    private final Softmax softmax;
    private final Updates updates;
    private final Cells cells;

    Kernels(String implementation, int vectorBits, boolean fma, MatMul matMul, ElementWise elementWise,
            Activations activations, Softmax softmax, Updates updates, Cells cells) {
        this.implementation = implementation;
        this.vectorBits = vectorBits;
        this.fma = fma;
        this.matMul = matMul;
        this.elementWise = elementWise;
        this.activations = activations;
        this.softmax = softmax;
        this.updates = updates;
        this.cells = cells;
    }

    /** The kernels selected for this JVM (logged once, on first use). */
    public static Kernels get() {
        return KernelSelection.SELECTED;
    }

    /** The portable scalar kernels, always available. */
    public static Kernels scalar() {
        return KernelSelection.SCALAR;
    }

    /** True when the Vector API kernels can run here: {@code jdk.incubator.vector} is in the boot layer and C2 is on. */
    public static boolean vectorAvailable() {
        return KernelSelection.vectorUnavailableReason() == null;
    }

    /** The Vector API kernels; throws {@link IllegalStateException} saying why when they cannot run here. */
    public static Kernels vector() {
        return KernelSelection.vector();
    }

    /** {@code "vector"} or {@code "scalar"}. */
    public String implementation() {
        return implementation;
    }

    /** The vector width the kernels use, in bits; 32 for the scalar kernels (one float lane). */
    public int vectorBits() {
        return vectorBits;
    }

    /** Floats per vector. */
    public int floatLanes() {
        return vectorBits / Float.SIZE;
    }

    /** Whether products use fused multiply-add. */
    public boolean fma() {
        return fma;
    }

    public MatMul matMul() {
        return matMul;
    }

    public ElementWise elementWise() {
        return elementWise;
    }

    public Activations activations() {
        return activations;
    }

    public Softmax softmax() {
        return softmax;
    }

    public Cells cells() {
        return cells;
    }

    public Updates updates() {
        return updates;
    }

    /** A one-line description, e.g. {@code vector, 512-bit (16 float lanes), FMA}. */
    public String describe() {
        if (implementation.equals("scalar")) return "scalar";
        return implementation + ", " + vectorBits + "-bit (" + floatLanes() + " float lanes)"
                + (fma ? ", FMA" : ", no FMA")
                + (alignedLoads() ? ", aligned gemv loads" : ", unaligned gemv loads (no native access)");
    }

    /**
     * Whether matrix-vector products start their rows on vector boundaries, which needs the arrays' addresses
     * and so native access ({@code --enable-native-access=ALL-UNNAMED}); without it they run unaligned, up to
     * a quarter slower at 512 bits, with the same results.
     */
    public boolean alignedLoads() {
        return implementation.equals("vector") && HeapAlignment.available();
    }

    @Override
    public String toString() {
        return describe();
    }
}
