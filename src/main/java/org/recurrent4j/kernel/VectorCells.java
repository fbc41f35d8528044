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

    /**
     * Per row, three short passes (c's whole gradient and o's; i's and ĉ's; f's and cPrev's) rather than one: a
     * loop body of a dozen loads and stores can exceed C2's inlining budget, and its vectors are then boxed.
     */
    @Override
    void lstmBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] tanhC,
                               int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff) {
        for (int r = 0; r < rows; r++) {
            int gi = gOff + 4 * r * h;
            int di = dgOff + 4 * r * h;
            int ri = r * h;
            cellAndOutputGate(h, g, gi, tanhC, tanhCOff + ri, dh, dhOff + ri, dc, dcOff + ri, dg, di);
            inputGates(h, g, gi, dc, dcOff + ri, dg, di);
            forgetGate(h, g, gi, cPrev, cPrevOff + ri, dc, dcOff + ri, dg, di);
        }
    }

    /** dc += (1 − tanhC²) ⊙ (σ(o) ⊙ dh), c's whole gradient, in place; o's: σ'(o) ⊙ (tanhC ⊙ dh). */
    private static void cellAndOutputGate(int h, float[] g, int gi, float[] tanhC, int ti, float[] dh, int hi,
                                          float[] dc, int ci, float[] dg, int di) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int go = gi + 2 * h, dgo = di + 2 * h;
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector o = load(g, go + j), t = load(tanhC, ti + j), d = load(dh, hi + j);
            load(dc, ci + j).add(one.sub(t.mul(t)).mul(o.mul(d))).intoArray(dc, ci + j);
            o.mul(one.sub(o)).mul(t.mul(d)).intoArray(dg, dgo + j);
        }
        for (; j < h; j++) {
            float o = g[go + j], t = tanhC[ti + j], d = dh[hi + j];
            dc[ci + j] = dc[ci + j] + (1f - t * t) * (o * d);
            dg[dgo + j] = o * (1f - o) * (t * d);
        }
    }

    /** i's gradient σ'(i) ⊙ (tanh(ĉ) ⊙ dc) and ĉ's (1 − tanh²(ĉ)) ⊙ (σ(i) ⊙ dc). */
    private static void inputGates(int h, float[] g, int gi, float[] dc, int ci, float[] dg, int di) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int gu = gi + 3 * h, dgu = di + 3 * h;
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector i = load(g, gi + j), u = load(g, gu + j), c = load(dc, ci + j);
            i.mul(one.sub(i)).mul(u.mul(c)).intoArray(dg, di + j);
            one.sub(u.mul(u)).mul(i.mul(c)).intoArray(dg, dgu + j);
        }
        for (; j < h; j++) {
            float i = g[gi + j], u = g[gu + j], c = dc[ci + j];
            dg[di + j] = i * (1f - i) * (u * c);
            dg[dgu + j] = (1f - u * u) * (i * c);
        }
    }

    /** f's gradient σ'(f) ⊙ (cPrev ⊙ dc), then dc becomes cPrev's gradient, σ(f) ⊙ dc. */
    private static void forgetGate(int h, float[] g, int gi, float[] cPrev, int pi, float[] dc, int ci, float[] dg,
                                   int di) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int gf = gi + h, dgf = di + h;
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector f = load(g, gf + j), c = load(dc, ci + j);
            f.mul(one.sub(f)).mul(load(cPrev, pi + j).mul(c)).intoArray(dg, dgf + j);
            f.mul(c).intoArray(dc, ci + j);
        }
        for (; j < h; j++) {
            float f = g[gf + j], c = dc[ci + j];
            dg[dgf + j] = f * (1f - f) * (cPrev[pi + j] * c);
            dc[ci + j] = f * c;
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
