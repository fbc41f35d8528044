package org.recurrent4j.kernel;

/** Plain-Java activations on {@link Math#exp} and {@link Math#tanh}: the reference twin of {@link VectorActivations}. */
class ScalarActivations extends Activations {

    @Override
    void sigmoidUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
    }

    @Override
    void tanhUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) Math.tanh(x[xOff + i]);
    }

    /** Math.max, as the seed's max(0, x): a NaN input stays NaN instead of silently becoming 0. */
    @Override
    void reluUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = Math.max(0f, x[xOff + i]);
    }

    @Override
    void sigmoidBackwardUnchecked(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float v = y[yOff + i];
            dx[dxOff + i] += v * (1f - v) * dy[dyOff + i];
        }
    }

    @Override
    void tanhBackwardUnchecked(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            float v = y[yOff + i];
            dx[dxOff + i] += (1f - v * v) * dy[dyOff + i];
        }
    }

    @Override
    void reluBackwardUnchecked(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            if (y[yOff + i] > 0f) dx[dxOff + i] += dy[dyOff + i];
        }
    }
}
