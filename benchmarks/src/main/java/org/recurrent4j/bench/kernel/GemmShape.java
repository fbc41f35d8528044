package org.recurrent4j.bench.kernel;

/**
 * One single-precision product C = op(A)·op(B) + beta·C with alpha = 1, where op(A) is m×k and op(B) is k×n,
 * all row-major and dense (each leading dimension is the stored row length).
 */
record GemmShape(boolean transA, boolean transB, int m, int n, int k, float beta) {

    int aRows() {
        return transA ? k : m;
    }

    int aCols() {
        return transA ? m : k;
    }

    int bRows() {
        return transB ? n : k;
    }

    int bCols() {
        return transB ? k : n;
    }

    /** One multiply and one add per term of every inner product. */
    long flops() {
        return 2L * m * n * k;
    }

    @Override
    public String toString() {
        return "gemm" + (transA ? 'T' : 'N') + (transB ? 'T' : 'N') + " m=" + m + " n=" + n + " k=" + k
                + " beta=" + beta;
    }
}
