package org.recurrent4j.kernel;

/** Plain-Java element-wise arithmetic: the reference twin of {@link VectorElementWise}. */
class ScalarElementWise extends ElementWise {

    @Override
    void addUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
    }

    @Override
    void subUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i];
    }

    @Override
    void mulUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i];
    }

    @Override
    void mulAddUnchecked(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] += a[aOff + i] * b[bOff + i];
    }

    @Override
    void axpyUnchecked(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    void scaleUnchecked(int n, float alpha, float[] x, int xOff) {
        for (int i = 0; i < n; i++) x[xOff + i] *= alpha;
    }

    @Override
    void fillUnchecked(int n, float value, float[] x, int xOff) {
        java.util.Arrays.fill(x, xOff, xOff + n, value);
    }

    @Override
    void addColumnVectorUnchecked(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            float vi = v[vOff + i];
            int ci = cOff + i * ldc;
            for (int j = 0; j < cols; j++) c[ci + j] += vi;
        }
    }

    @Override
    void addRowVectorUnchecked(int rows, int cols, float[] v, int vOff, float[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < cols; j++) c[ci + j] += v[vOff + j];
        }
    }

    @Override
    void sumRowsUnchecked(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int j = 0; j < cols; j++) {
            float sum = 0f;
            for (int i = 0; i < rows; i++) sum += a[aOff + i * lda + j];
            out[outOff + j] += sum;
        }
    }

    @Override
    void sumColumnsUnchecked(int rows, int cols, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            int ai = aOff + i * lda;
            float sum = 0f;
            for (int j = 0; j < cols; j++) sum += a[ai + j];
            out[outOff + i] += sum;
        }
    }

    @Override
    boolean allFiniteUnchecked(int n, float[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[xOff + i])) return false;
        }
        return true;
    }
}
