package org.recurrent4j.kernel;

/** Plain-Java cells on {@link Math#exp} and {@link Math#tanh}: the reference twin of {@link VectorCells}. */
final class ScalarCells extends Cells {

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    private static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    void lstmForwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] c, int cOff,
                              float[] tanhC, int tanhCOff, float[] hOut, int hOutOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 4 * r * h;
            int ri = r * h;
            for (int j = 0; j < h; j++) {
                float i = sigmoid(g[gi + j]);
                float f = sigmoid(g[gi + h + j]);
                float o = sigmoid(g[gi + 2 * h + j]);
                float u = tanh(g[gi + 3 * h + j]);
                g[gi + j] = i;
                g[gi + h + j] = f;
                g[gi + 2 * h + j] = o;
                g[gi + 3 * h + j] = u;
                float cv = f * cPrev[cPrevOff + ri + j];
                cv = cv + i * u;
                float t = tanh(cv);
                c[cOff + ri + j] = cv;
                tanhC[tanhCOff + ri + j] = t;
                hOut[hOutOff + ri + j] = o * t;
            }
        }
    }

    @Override
    void lstmBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] tanhC,
                               int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 4 * r * h;
            int di = dgOff + 4 * r * h;
            int ri = r * h;
            for (int j = 0; j < h; j++) {
                float i = g[gi + j], f = g[gi + h + j], o = g[gi + 2 * h + j], u = g[gi + 3 * h + j];
                float t = tanhC[tanhCOff + ri + j];
                float d = dh[dhOff + ri + j];
                float dcv = dc[dcOff + ri + j] + (1f - t * t) * (o * d);
                dg[di + j] = i * (1f - i) * (u * dcv);
                dg[di + h + j] = f * (1f - f) * (cPrev[cPrevOff + ri + j] * dcv);
                dg[di + 2 * h + j] = o * (1f - o) * (t * d);
                dg[di + 3 * h + j] = (1f - u * u) * (i * dcv);
                dc[dcOff + ri + j] = f * dcv;
            }
        }
    }

    @Override
    void gruGatesUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] rh, int rhOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 3 * r * h;
            int ri = r * h;
            for (int j = 0; j < h; j++) {
                float u = sigmoid(g[gi + j]);
                float rr = sigmoid(g[gi + h + j]);
                g[gi + j] = u;
                g[gi + h + j] = rr;
                rh[rhOff + ri + j] = rr * hPrev[hPrevOff + ri + j];
            }
        }
    }

    @Override
    void gruOutputUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] hOut,
                            int hOutOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 3 * r * h;
            int ri = r * h;
            for (int j = 0; j < h; j++) {
                float u = g[gi + j];
                float cand = tanh(g[gi + 2 * h + j]);
                g[gi + 2 * h + j] = cand;
                float keep = 1f + (-u);
                hOut[hOutOff + ri + j] = keep * hPrev[hPrevOff + ri + j] + u * cand;
            }
        }
    }

    @Override
    void gruOutputBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] dh,
                                    int dhOff, float[] dg, int dgOff, float[] dhPrev, int dhPrevOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 3 * r * h;
            int di = dgOff + 3 * r * h;
            int ri = r * h;
            for (int j = 0; j < h; j++) {
                float u = g[gi + j], cand = g[gi + 2 * h + j];
                float d = dh[dhOff + ri + j];
                dg[di + 2 * h + j] = (1f - cand * cand) * (u * d);
                dg[di + j] = cand * d - hPrev[hPrevOff + ri + j] * d;
                dhPrev[dhPrevOff + ri + j] = (1f + (-u)) * d;
            }
        }
    }

    @Override
    void gruGatesBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] drh,
                                   int drhOff, float[] dg, int dgOff, float[] dhPrev, int dhPrevOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 3 * r * h;
            int di = dgOff + 3 * r * h;
            int ri = r * h;
            for (int j = 0; j < h; j++) {
                float u = g[gi + j], rr = g[gi + h + j];
                float d = drh[drhOff + ri + j];
                dhPrev[dhPrevOff + ri + j] += rr * d;
                dg[di + j] = u * (1f - u) * dg[di + j];
                dg[di + h + j] = rr * (1f - rr) * (hPrev[hPrevOff + ri + j] * d);
            }
        }
    }
}
