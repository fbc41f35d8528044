package org.recurrent4j.kernel;

/** Plain-Java matrix products: the reference twin of {@link VectorMatMul}. */
class ScalarMatMul extends MatMul {

    @Override
    void gemmUnchecked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) c[ci + j] = 0f;
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[ci + j] *= beta;
            }
            if (alpha == 0f) continue;
            if (!transB) {
                // C[i,:] += alpha·A[i,p]·B[p,:]: rows of B are contiguous.
                for (int p = 0; p < k; p++) {
                    float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            } else {
                // C[i,j] += alpha·dot(A[i,:], B[j,:]): rows of Bᵀ are contiguous.
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float sum = 0f;
                    if (transA) {
                        for (int p = 0; p < k; p++) sum += a[aOff + p * lda + i] * b[bj + p];
                    } else {
                        int ai = aOff + i * lda;
                        for (int p = 0; p < k; p++) sum += a[ai + p] * b[bj + p];
                    }
                    c[ci + j] += alpha * sum;
                }
            }
        }
    }

    /** The packed form is op(B) itself, row-major k×n. */
    @Override
    int packedSize(int k, int n) {
        return k * n;
    }

    @Override
    void packUnchecked(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] dst) {
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) dst[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }
    }

    @Override
    void gemmPackedUnchecked(int m, float[] a, int aOff, int lda, float[] pb, int k, int n, float beta, float[] c,
                             int cOff, int ldc) {
        gemmUnchecked(false, false, m, n, k, 1f, a, aOff, lda, pb, 0, n, beta, c, cOff, ldc);
    }

    @Override
    void gemvUnchecked(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                       float[] x, int xOff, float beta, float[] y, int yOff) {
        int ylen = trans ? n : m;
        if (beta == 0f) {
            for (int i = 0; i < ylen; i++) y[yOff + i] = 0f;
        } else if (beta != 1f) {
            for (int i = 0; i < ylen; i++) y[yOff + i] *= beta;
        }
        if (alpha == 0f) return;
        if (!trans) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * lda;
                float sum = 0f;
                for (int j = 0; j < n; j++) sum += a[ai + j] * x[xOff + j];
                y[yOff + i] += alpha * sum;
            }
        } else {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * lda;
                float xi = alpha * x[xOff + i];
                for (int j = 0; j < n; j++) y[yOff + j] += xi * a[ai + j];
            }
        }
    }
}
