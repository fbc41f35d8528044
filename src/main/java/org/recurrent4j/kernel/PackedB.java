package org.recurrent4j.kernel;

/**
 * The right operand op(B) of products that reuse it, copied once into the layout that one kernel set's
 * products read fastest: a recurrent weight matrix used at every time step of a sequence. Made and refilled by
 * {@link MatMul#pack}; read by {@link MatMul#gemm(int, float[], int, int, PackedB, float, float[], int, int)}.
 * The layout belongs to the kernel set that packed it, and the values are a copy: repack after B changes.
 */
public final class PackedB {
    final MatMul owner;
    int k;
    int n;
    float[] data;

    PackedB(MatMul owner) {
        this.owner = owner;
        this.data = new float[0];
    }

    /** Rows of op(B): the inner dimension of the products that read it. */
    public int k() {
        return k;
    }

    /** Columns of op(B): the columns of the products' results. */
    public int n() {
        return n;
    }
}
