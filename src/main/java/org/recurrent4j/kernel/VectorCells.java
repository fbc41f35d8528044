package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Cells on the Vector API, row by row while the row is in L1: the activations through {@link VectorActivations}
 * (a lane and the scalar tail give the same bits), the rest in fused passes, so every element is what the
 * composition of the primitive kernels gives.
 */
final class VectorCells extends Cells {
    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = S.length();

    /** The sigmoids and tanhs are the activation kernels' own, so a cell's activations are theirs bit for bit. */
    private static final VectorActivations ACTIVATIONS = new VectorActivations();
    private static final VectorElementWise ELEMENT_WISE = new VectorElementWise();

    private static FloatVector load(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    /**
     * Per row: the sigmoids of i, f and o (contiguous) and the tanh of ĉ through the activation kernels, then one
     * pass for c, tanh(c) and h. Each loop holds one transcendental: a loop body with several does not fit C2's
     * inlining budget, and its vectors are then boxed on the heap.
     */
    @Override
    void lstmForwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] c, int cOff,
                              float[] tanhC, int tanhCOff, float[] hOut, int hOutOff) {
        int bound = S.loopBound(h);
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 4 * r * h, gf = gi + h, go = gf + h, gu = go + h;
            int ri = r * h;
            ACTIVATIONS.sigmoidUnchecked(3 * h, g, gi, g, gi);
            ACTIVATIONS.tanhUnchecked(h, g, gu, g, gu);
            int j = 0;
            for (; j < bound; j += L) {
                load(g, gf + j).mul(load(cPrev, cPrevOff + ri + j)).add(load(g, gi + j).mul(load(g, gu + j)))
                        .intoArray(c, cOff + ri + j);
            }
            for (; j < h; j++) c[cOff + ri + j] = g[gf + j] * cPrev[cPrevOff + ri + j] + g[gi + j] * g[gu + j];
            ACTIVATIONS.tanhUnchecked(h, c, cOff + ri, tanhC, tanhCOff + ri);
            ELEMENT_WISE.mulUnchecked(h, g, go, tanhC, tanhCOff + ri, hOut, hOutOff + ri);
        }
    }

    @Override
    void lstmBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] tanhC,
                               int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(h);
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 4 * r * h, gf = gi + h, go = gf + h, gu = go + h;
            int di = dgOff + 4 * r * h;
            int ri = r * h;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector i = load(g, gi + j), f = load(g, gf + j), o = load(g, go + j), u = load(g, gu + j);
                FloatVector t = load(tanhC, tanhCOff + ri + j);
                FloatVector d = load(dh, dhOff + ri + j);
                FloatVector dcv = load(dc, dcOff + ri + j).add(one.sub(t.mul(t)).mul(o.mul(d)));
                i.mul(one.sub(i)).mul(u.mul(dcv)).intoArray(dg, di + j);
                f.mul(one.sub(f)).mul(load(cPrev, cPrevOff + ri + j).mul(dcv)).intoArray(dg, di + h + j);
                o.mul(one.sub(o)).mul(t.mul(d)).intoArray(dg, di + 2 * h + j);
                one.sub(u.mul(u)).mul(i.mul(dcv)).intoArray(dg, di + 3 * h + j);
                f.mul(dcv).intoArray(dc, dcOff + ri + j);
            }
            for (; j < h; j++) {
                float i = g[gi + j], f = g[gf + j], o = g[go + j], u = g[gu + j];
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
            int gu = gOff + 3 * r * h;
            ACTIVATIONS.sigmoidUnchecked(2 * h, g, gu, g, gu);
            ELEMENT_WISE.mulUnchecked(h, g, gu + h, hPrev, hPrevOff + r * h, rh, rhOff + r * h);
        }
    }

    @Override
    void gruOutputUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] hOut,
                            int hOutOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(h);
        for (int r = 0; r < rows; r++) {
            int gu = gOff + 3 * r * h, gc = gu + 2 * h;
            int ri = r * h;
            ACTIVATIONS.tanhUnchecked(h, g, gc, g, gc);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector u = load(g, gu + j);
                FloatVector keep = one.add(u.neg());
                keep.mul(load(hPrev, hPrevOff + ri + j)).add(u.mul(load(g, gc + j))).intoArray(hOut, hOutOff + ri + j);
            }
            for (; j < h; j++) {
                float u = g[gu + j];
                hOut[hOutOff + ri + j] = (1f + (-u)) * hPrev[hPrevOff + ri + j] + u * g[gc + j];
            }
        }
    }

    @Override
    void gruOutputBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] dh,
                                    int dhOff, float[] dg, int dgOff, float[] dhPrev, int dhPrevOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(h);
        for (int r = 0; r < rows; r++) {
            int gu = gOff + 3 * r * h, gc = gu + 2 * h;
            int di = dgOff + 3 * r * h;
            int ri = r * h;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector u = load(g, gu + j), cand = load(g, gc + j);
                FloatVector d = load(dh, dhOff + ri + j);
                one.sub(cand.mul(cand)).mul(u.mul(d)).intoArray(dg, di + 2 * h + j);
                cand.mul(d).sub(load(hPrev, hPrevOff + ri + j).mul(d)).intoArray(dg, di + j);
                one.add(u.neg()).mul(d).intoArray(dhPrev, dhPrevOff + ri + j);
            }
            for (; j < h; j++) {
                float u = g[gu + j], cand = g[gc + j];
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
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(h);
        for (int r = 0; r < rows; r++) {
            int gu = gOff + 3 * r * h, gr = gu + h;
            int di = dgOff + 3 * r * h;
            int ri = r * h;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector u = load(g, gu + j), rr = load(g, gr + j);
                FloatVector d = load(drh, drhOff + ri + j);
                load(dhPrev, dhPrevOff + ri + j).add(rr.mul(d)).intoArray(dhPrev, dhPrevOff + ri + j);
                u.mul(one.sub(u)).mul(load(dg, di + j)).intoArray(dg, di + j);
                rr.mul(one.sub(rr)).mul(load(hPrev, hPrevOff + ri + j).mul(d)).intoArray(dg, di + h + j);
            }
            for (; j < h; j++) {
                float u = g[gu + j], rr = g[gr + j];
                float d = drh[drhOff + ri + j];
                dhPrev[dhPrevOff + ri + j] += rr * d;
                dg[di + j] = u * (1f - u) * dg[di + j];
                dg[di + h + j] = rr * (1f - rr) * (hPrev[hPrevOff + ri + j] * d);
            }
        }
    }
}
