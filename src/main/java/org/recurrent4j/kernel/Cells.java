package org.recurrent4j.kernel;

/**
 * The element-wise part of one time step of a recurrent cell, fused: everything between a step's matrix
 * products, done for a block of rows while the products' results are still in cache. Rows are the sequences of
 * a batch (one row per sequence, features contiguous), so a row holds a cell's gates side by side: an LSTM row of
 * {@code g} is [i f o ĉ] (4h floats), a GRU row [u r ĉ] (3h floats); the other operands are rows of h floats.
 *
 * <p>Each method computes exactly what its documented composition of {@link Activations} and
 * {@link ElementWise} calls computes, operation for operation, so the fused forms change no bits; tests hold
 * the two equal.
 */
public abstract class Cells {
    Cells() {}

    /**
     * LSTM forward. {@code g} holds the pre-activations [i f o ĉ] and receives the activations [σ(i) σ(f) σ(o)
     * tanh(ĉ)]; then c = σ(f) ⊙ cPrev + σ(i) ⊙ tanh(ĉ) (mul, then mulAdd), tanhC = tanh(c), h = σ(o) ⊙ tanhC.
     */
    public final void lstmForward(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] c,
                                  int cOff, float[] tanhC, int tanhCOff, float[] hOut, int hOutOff) {
        check("lstmForward", rows, h);
        Checks.range("lstmForward", "g", g, gOff, 4L * rows * h);
        Checks.range("lstmForward", "cPrev", cPrev, cPrevOff, (long) rows * h);
        Checks.range("lstmForward", "c", c, cOff, (long) rows * h);
        Checks.range("lstmForward", "tanhC", tanhC, tanhCOff, (long) rows * h);
        Checks.range("lstmForward", "h", hOut, hOutOff, (long) rows * h);
        lstmForwardUnchecked(rows, h, g, gOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, hOut, hOutOff);
    }

    /**
     * LSTM backward from the activations {@code g} of {@link #lstmForward}, cPrev and tanhC, the gradient
     * {@code dh} of h and, in {@code dc}, the gradient that reached c from the next step: dc + (1 − tanhC²) ⊙
     * (σ(o) ⊙ dh) is c's whole gradient; {@code dg} receives the pre-activations' gradients [σ'(i) ⊙ tanh(ĉ) ⊙ dc,
     * σ'(f) ⊙ cPrev ⊙ dc, σ'(o) ⊙ tanhC ⊙ dh, (1 − tanh²(ĉ)) ⊙ σ(i) ⊙ dc] and {@code dc} is replaced by the
     * gradient of cPrev, σ(f) ⊙ dc. σ'(x) is written σ(1 − σ) and every product is taken left to right.
     */
    public final void lstmBackward(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] tanhC,
                                   int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff, float[] dg,
                                   int dgOff) {
        check("lstmBackward", rows, h);
        Checks.range("lstmBackward", "g", g, gOff, 4L * rows * h);
        Checks.range("lstmBackward", "cPrev", cPrev, cPrevOff, (long) rows * h);
        Checks.range("lstmBackward", "tanhC", tanhC, tanhCOff, (long) rows * h);
        Checks.range("lstmBackward", "dh", dh, dhOff, (long) rows * h);
        Checks.range("lstmBackward", "dc", dc, dcOff, (long) rows * h);
        Checks.range("lstmBackward", "dg", dg, dgOff, 4L * rows * h);
        lstmBackwardUnchecked(rows, h, g, gOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dg, dgOff);
    }

    /**
     * GRU, first half: {@code g} holds [u r ĉ] pre-activations, with the recurrent products of u and r already
     * added; u and r are replaced by σ(u), σ(r), and rh = σ(r) ⊙ hPrev, the input of ĉ's recurrent product.
     */
    public final void gruGates(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] rh,
                               int rhOff) {
        check("gruGates", rows, h);
        Checks.range("gruGates", "g", g, gOff, 3L * rows * h);
        Checks.range("gruGates", "hPrev", hPrev, hPrevOff, (long) rows * h);
        Checks.range("gruGates", "rh", rh, rhOff, (long) rows * h);
        gruGatesUnchecked(rows, h, g, gOff, hPrev, hPrevOff, rh, rhOff);
    }

    /**
     * GRU, second half: ĉ (with its recurrent product added) is replaced by tanh(ĉ), and h = (1 − u) ⊙ hPrev +
     * u ⊙ tanh(ĉ), where 1 − u is computed as 1 + (−u).
     */
    public final void gruOutput(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] hOut,
                                int hOutOff) {
        check("gruOutput", rows, h);
        Checks.range("gruOutput", "g", g, gOff, 3L * rows * h);
        Checks.range("gruOutput", "hPrev", hPrev, hPrevOff, (long) rows * h);
        Checks.range("gruOutput", "h", hOut, hOutOff, (long) rows * h);
        gruOutputUnchecked(rows, h, g, gOff, hPrev, hPrevOff, hOut, hOutOff);
    }

    /**
     * Backward of {@link #gruOutput}, from the activations in {@code g} and h's gradient {@code dh}: dg's ĉ block
     * receives (1 − tanh²(ĉ)) ⊙ (u ⊙ dh), its u block u's gradient ĉ ⊙ dh − hPrev ⊙ dh (not yet through the
     * sigmoid), and dhPrev = (1 − u) ⊙ dh.
     */
    public final void gruOutputBackward(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff,
                                        float[] dh, int dhOff, float[] dg, int dgOff, float[] dhPrev,
                                        int dhPrevOff) {
        check("gruOutputBackward", rows, h);
        Checks.range("gruOutputBackward", "g", g, gOff, 3L * rows * h);
        Checks.range("gruOutputBackward", "hPrev", hPrev, hPrevOff, (long) rows * h);
        Checks.range("gruOutputBackward", "dh", dh, dhOff, (long) rows * h);
        Checks.range("gruOutputBackward", "dg", dg, dgOff, 3L * rows * h);
        Checks.range("gruOutputBackward", "dhPrev", dhPrev, dhPrevOff, (long) rows * h);
        gruOutputBackwardUnchecked(rows, h, g, gOff, hPrev, hPrevOff, dh, dhOff, dg, dgOff, dhPrev, dhPrevOff);
    }

    /**
     * Backward of {@link #gruGates}, given {@code drh}, the gradient of rh: r's gradient is hPrev ⊙ drh,
     * dhPrev += σ(r) ⊙ drh, and dg's u and r blocks become σ(u)(1 − σ(u)) ⊙ (u's gradient, left there by
     * {@link #gruOutputBackward}) and σ(r)(1 − σ(r)) ⊙ r's gradient.
     */
    public final void gruGatesBackward(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff,
                                       float[] drh, int drhOff, float[] dg, int dgOff, float[] dhPrev,
                                       int dhPrevOff) {
        check("gruGatesBackward", rows, h);
        Checks.range("gruGatesBackward", "g", g, gOff, 3L * rows * h);
        Checks.range("gruGatesBackward", "hPrev", hPrev, hPrevOff, (long) rows * h);
        Checks.range("gruGatesBackward", "drh", drh, drhOff, (long) rows * h);
        Checks.range("gruGatesBackward", "dg", dg, dgOff, 3L * rows * h);
        Checks.range("gruGatesBackward", "dhPrev", dhPrev, dhPrevOff, (long) rows * h);
        gruGatesBackwardUnchecked(rows, h, g, gOff, hPrev, hPrevOff, drh, drhOff, dg, dgOff, dhPrev, dhPrevOff);
    }

    private static void check(String op, int rows, int h) {
        Checks.nonNegative(op, "rows", rows);
        Checks.nonNegative(op, "h", h);
    }

    abstract void lstmForwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff, float[] c,
                                       int cOff, float[] tanhC, int tanhCOff, float[] hOut, int hOutOff);

    abstract void lstmBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] cPrev, int cPrevOff,
                                        float[] tanhC, int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff,
                                        float[] dg, int dgOff);

    abstract void gruGatesUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff, float[] rh,
                                    int rhOff);

    abstract void gruOutputUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff,
                                     float[] hOut, int hOutOff);

    abstract void gruOutputBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff,
                                             float[] dh, int dhOff, float[] dg, int dgOff, float[] dhPrev,
                                             int dhPrevOff);

    abstract void gruGatesBackwardUnchecked(int rows, int h, float[] g, int gOff, float[] hPrev, int hPrevOff,
                                            float[] drh, int drhOff, float[] dg, int dgOff, float[] dhPrev,
                                            int dhPrevOff);
}
