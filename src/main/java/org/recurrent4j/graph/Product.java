package org.recurrent4j.graph;

import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.tensor.Mat;

/**
 * The matrix product out = a·b, a m×k and b k×n. Backward: a.dw += Δ·bᵀ and b.dw += aᵀ·Δ. When a is a leaf of
 * the graph (a parameter), its gradient is gathered into {@link DeferredProducts} and applied once per sequence.
 */
final class Product extends Op {
    Mat a;
    Mat b;
    /** For a product whose left operand is a leaf, where its weight gradient is gathered; null otherwise. */
    DeferredProducts.Leaf leaf;

    Mat forward(Kernels k, Mat x, Mat y, DeferredProducts deferred, boolean record) {
        int n = y.cols;
        if (n == 1) {
            k.matMul().gemv(false, x.rows, x.cols, 1f, x.w, x.offset, x.cols, y.w, y.offset, 0f, out.w, 0);
        } else {
            k.matMul().gemm(false, false, x.rows, n, x.cols, 1f, x.w, x.offset, x.cols, y.w, y.offset, n,
                    0f, out.w, 0, n);
        }
        a = x;
        b = y;
        if (record) leaf = deferred.leafOf(x, leaf);
        return out;
    }

    @Override
    void backward(Kernels k, DeferredProducts deferred) {
        int m = a.rows;
        int inner = a.cols;
        int n = b.cols;
        if (leaf != null) {
            deferred.add(leaf, out, b);
        } else if (n == 1) {
            // Δ·bᵀ is an outer product: read the column b as a 1×inner row, so that rows of C are axpys on it.
            k.matMul().gemm(false, false, m, inner, 1, 1f, out.dw, 0, 1, b.w, b.offset, inner, 1f, a.dw, a.offset,
                    inner);
        } else {
            k.matMul().gemm(false, true, m, inner, n, 1f, out.dw, 0, n, b.w, b.offset, n, 1f, a.dw, a.offset, inner);
        }
        if (n == 1) {
            k.matMul().gemv(true, m, inner, 1f, a.w, a.offset, inner, out.dw, 0, 1f, b.dw, b.offset);
        } else {
            k.matMul().gemm(true, false, inner, n, m, 1f, a.w, a.offset, inner, out.dw, 0, n, 1f, b.dw, b.offset, n);
        }
    }
}
