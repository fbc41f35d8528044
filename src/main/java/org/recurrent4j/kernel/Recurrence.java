package org.recurrent4j.kernel;

import java.util.function.IntConsumer;

/**
 * The time loop of a recurrent layer over a whole sequence: per step, the recurrent product and the fused cell,
 * forward and backward. Everything that does not depend on the previous step (the input projections of all
 * steps, the weight gradients over all steps) is left to the caller, as single large products.
 *
 * <p>Buffers hold one row per sequence and step, step-major: row t·batch + b is sequence b at step t. The state
 * buffers have one more block of rows in front, the initial state: row b of {@code hs} is h₀ of sequence b, and
 * row (t + 1)·batch + b receives h_t. The sequences of a batch are independent, so their rows are split between
 * the {@link KernelThreads}, each thread running every step for its own rows; a row's result does not depend on
 * the split (products read through {@link PackedB} compute each row alike whatever rows share the call).
 */
public final class Recurrence {
    private Recurrence() {}

    /**
     * LSTM forward. {@code g} (steps·batch rows of 4h) holds each step's input projection plus bias [i f o ĉ] and
     * receives the activations; {@code whT} is the recurrent matrix Wh (4h×h) packed transposed (k = h,
     * n = 4h); {@code hs} and {@code cs} ((steps + 1)·batch rows of h) hold h₀ and c₀ and receive every h_t and
     * c_t; {@code tanhC} (steps·batch rows of h) receives tanh(c_t).
     */
    public static void lstmForward(Kernels k, int steps, int batch, int h, float[] g, PackedB whT, float[] hs,
                                   float[] cs, float[] tanhC) {
        check("lstmForward", k, steps, batch, h, whT, h, 4 * h);
        Checks.range("lstmForward", "g", g, 0, 4L * steps * batch * h);
        Checks.range("lstmForward", "hs", hs, 0, (long) (steps + 1) * batch * h);
        Checks.range("lstmForward", "cs", cs, 0, (long) (steps + 1) * batch * h);
        Checks.range("lstmForward", "tanhC", tanhC, 0, (long) steps * batch * h);
        MatMul mm = k.matMul();
        Cells cells = k.cells();
        split(k, batch, (r0, rows) -> {
            for (int t = 0; t < steps; t++) {
                int row = t * batch + r0;
                int next = row + batch;
                mm.gemm(rows, hs, row * h, h, whT, 1f, g, row * 4 * h, 4 * h);
                cells.lstmForward(rows, h, g, row * 4 * h, cs, row * h, cs, next * h, tanhC, row * h, hs, next * h);
            }
        });
    }

    /**
     * LSTM backward. {@code g}, {@code cs} and {@code tanhC} are as {@link #lstmForward} left them; {@code wh} is
     * Wh packed as it is (k = 4h, n = h); {@code dhs}, laid out as {@code hs}, holds the gradient that reaches each
     * h_t from outside the layer's recurrence (the layer above or the decoder; its first block is not read); {@code dg} (steps·batch rows of
     * 4h) receives the gradients of the pre-activations. {@code dh} and {@code dc} (batch rows of h) hold the
     * gradients of the last h and c on entry (zero where the sequence is cut) and those of h₀ and c₀ on return;
     * {@code scratch} is batch rows of h.
     */
    public static void lstmBackward(Kernels k, int steps, int batch, int h, float[] g, float[] cs, float[] tanhC,
                                    PackedB wh, float[] dhs, float[] dg, float[] dh, float[] dc, float[] scratch) {
        check("lstmBackward", k, steps, batch, h, wh, 4 * h, h);
        Checks.range("lstmBackward", "g", g, 0, 4L * steps * batch * h);
        Checks.range("lstmBackward", "cs", cs, 0, (long) (steps + 1) * batch * h);
        Checks.range("lstmBackward", "tanhC", tanhC, 0, (long) steps * batch * h);
        Checks.range("lstmBackward", "dhs", dhs, 0, (long) (steps + 1) * batch * h);
        Checks.range("lstmBackward", "dg", dg, 0, 4L * steps * batch * h);
        checkCarry("lstmBackward", batch, h, dh, dc, scratch);
        MatMul mm = k.matMul();
        Cells cells = k.cells();
        ElementWise ew = k.elementWise();
        split(k, batch, (r0, rows) -> {
            int n = rows * h;
            for (int t = steps - 1; t >= 0; t--) {
                int row = t * batch + r0;
                ew.add(n, dhs, (row + batch) * h, dh, r0 * h, scratch, r0 * h);
                cells.lstmBackward(rows, h, g, row * 4 * h, cs, row * h, tanhC, row * h, scratch, r0 * h, dc, r0 * h,
                        dg, row * 4 * h);
                mm.gemm(rows, dg, row * 4 * h, 4 * h, wh, 0f, dh, r0 * h, h);
            }
        });
    }

    /**
     * GRU forward (the reset applied before the product). {@code g} (steps·batch rows of 3h) holds [u r ĉ]
     * projections plus biases and receives σ(u), σ(r), tanh(ĉ); {@code urT} packs the u and r rows of Wh
     * transposed (k = h, n = 2h), {@code cT} its ĉ rows (k = h, n = h); {@code hs} as for the LSTM;
     * {@code rh} (steps·batch rows of h) receives σ(r) ⊙ h₋₁, the input of ĉ's recurrent product.
     */
    public static void gruForward(Kernels k, int steps, int batch, int h, float[] g, PackedB urT, PackedB cT,
                                  float[] hs, float[] rh) {
        check("gruForward", k, steps, batch, h, urT, h, 2 * h);
        check("gruForward", k, steps, batch, h, cT, h, h);
        Checks.range("gruForward", "g", g, 0, 3L * steps * batch * h);
        Checks.range("gruForward", "hs", hs, 0, (long) (steps + 1) * batch * h);
        Checks.range("gruForward", "rh", rh, 0, (long) steps * batch * h);
        MatMul mm = k.matMul();
        Cells cells = k.cells();
        split(k, batch, (r0, rows) -> {
            for (int t = 0; t < steps; t++) {
                int row = t * batch + r0;
                int next = row + batch;
                mm.gemm(rows, hs, row * h, h, urT, 1f, g, row * 3 * h, 3 * h);
                cells.gruGates(rows, h, g, row * 3 * h, hs, row * h, rh, row * h);
                mm.gemm(rows, rh, row * h, h, cT, 1f, g, row * 3 * h + 2 * h, 3 * h);
                cells.gruOutput(rows, h, g, row * 3 * h, hs, row * h, hs, next * h);
            }
        });
    }

    /**
     * GRU backward: {@code ur} packs the u and r rows of Wh as they are (k = 2h, n = h), {@code c} its ĉ rows
     * (k = h, n = h); {@code dg} (steps·batch rows of 3h) receives the pre-activation gradients; {@code dh} holds
     * the last h's gradient on entry and h₀'s on return; {@code scratch} and {@code drh} are batch rows of h.
     */
    public static void gruBackward(Kernels k, int steps, int batch, int h, float[] g, float[] hs, PackedB ur,
                                   PackedB c, float[] dhs, float[] dg, float[] dh, float[] scratch, float[] drh) {
        check("gruBackward", k, steps, batch, h, ur, 2 * h, h);
        check("gruBackward", k, steps, batch, h, c, h, h);
        Checks.range("gruBackward", "g", g, 0, 3L * steps * batch * h);
        Checks.range("gruBackward", "hs", hs, 0, (long) (steps + 1) * batch * h);
        Checks.range("gruBackward", "dhs", dhs, 0, (long) (steps + 1) * batch * h);
        Checks.range("gruBackward", "dg", dg, 0, 3L * steps * batch * h);
        checkCarry("gruBackward", batch, h, dh, scratch, drh);
        MatMul mm = k.matMul();
        Cells cells = k.cells();
        ElementWise ew = k.elementWise();
        split(k, batch, (r0, rows) -> {
            int n = rows * h;
            for (int t = steps - 1; t >= 0; t--) {
                int row = t * batch + r0;
                int gi = row * 3 * h;
                ew.add(n, dhs, (row + batch) * h, dh, r0 * h, scratch, r0 * h);
                cells.gruOutputBackward(rows, h, g, gi, hs, row * h, scratch, r0 * h, dg, gi, dh, r0 * h);
                mm.gemm(rows, dg, gi + 2 * h, 3 * h, c, 0f, drh, r0 * h, h);
                cells.gruGatesBackward(rows, h, g, gi, hs, row * h, drh, r0 * h, dg, gi, dh, r0 * h);
                mm.gemm(rows, dg, gi, 3 * h, ur, 1f, dh, r0 * h, h);
            }
        });
    }

    /**
     * Vanilla RNN forward, h_t = act(g_t + h₋₁·Whᵀ): {@code g} (steps·batch rows of h) holds the projections plus
     * bias and receives the pre-activations; {@code whT} packs Wh transposed (k = n = h); {@code hs} as above.
     */
    public static void rnnForward(Kernels k, int steps, int batch, int h, boolean relu, float[] g, PackedB whT,
                                  float[] hs) {
        check("rnnForward", k, steps, batch, h, whT, h, h);
        Checks.range("rnnForward", "g", g, 0, (long) steps * batch * h);
        Checks.range("rnnForward", "hs", hs, 0, (long) (steps + 1) * batch * h);
        MatMul mm = k.matMul();
        Activations act = k.activations();
        split(k, batch, (r0, rows) -> {
            for (int t = 0; t < steps; t++) {
                int row = t * batch + r0;
                mm.gemm(rows, hs, row * h, h, whT, 1f, g, row * h, h);
                if (relu) act.relu(rows * h, g, row * h, hs, (row + batch) * h);
                else act.tanh(rows * h, g, row * h, hs, (row + batch) * h);
            }
        });
    }

    /**
     * Vanilla RNN backward: {@code wh} packs Wh as it is (k = n = h); {@code dg} (steps·batch rows of h) receives
     * the pre-activation gradients; {@code dh} holds the last h's gradient on entry and h₀'s on return.
     */
    public static void rnnBackward(Kernels k, int steps, int batch, int h, boolean relu, float[] hs, PackedB wh,
                                   float[] dhs, float[] dg, float[] dh, float[] scratch) {
        check("rnnBackward", k, steps, batch, h, wh, h, h);
        Checks.range("rnnBackward", "hs", hs, 0, (long) (steps + 1) * batch * h);
        Checks.range("rnnBackward", "dhs", dhs, 0, (long) (steps + 1) * batch * h);
        Checks.range("rnnBackward", "dg", dg, 0, (long) steps * batch * h);
        checkCarry("rnnBackward", batch, h, dh, scratch, scratch);
        MatMul mm = k.matMul();
        Activations act = k.activations();
        ElementWise ew = k.elementWise();
        split(k, batch, (r0, rows) -> {
            int n = rows * h;
            for (int t = steps - 1; t >= 0; t--) {
                int row = t * batch + r0;
                int out = (row + batch) * h;
                ew.add(n, dhs, (row + batch) * h, dh, r0 * h, scratch, r0 * h);
                ew.fill(n, 0f, dg, row * h);
                if (relu) act.reluBackward(n, hs, out, scratch, r0 * h, dg, row * h);
                else act.tanhBackward(n, hs, out, scratch, r0 * h, dg, row * h);
                mm.gemm(rows, dg, row * h, h, wh, 0f, dh, r0 * h, h);
            }
        });
    }

    /**
     * Rows of the batch each thread takes: whole tiles of rows, as many parts as threads when each gets two. The
     * tiles are those the products use for a part that size, so 50 rows split 25 and 25 (five-row tiles), not
     * 30 and 20.
     */
    static int rowsPerPart(MatMul mm, int batch) {
        int threads = KernelThreads.get();
        int mr = GemmTuning.MR;
        if (threads == 1 || batch < 2 * mr) return batch;
        int parts = Math.min(threads, batch / mr);
        int per = (batch + parts - 1) / parts;
        int tile = mm.tileRows(per);
        return (per + tile - 1) / tile * tile;
    }

    /** A part's work on rows [r0, r0 + rows) of every step. */
    private interface Part {
        void run(int r0, int rows);
    }

    private static void split(Kernels k, int batch, Part body) {
        int per = rowsPerPart(k.matMul(), batch);
        int parts = (batch + per - 1) / per;
        IntConsumer part = p -> body.run(p * per, Math.min(per, batch - p * per));
        if (parts == 1) part.accept(0);
        else KernelThreads.run(parts, part);
    }

    private static void check(String op, Kernels k, int steps, int batch, int h, PackedB w, int wk, int wn) {
        if (k == null) throw new IllegalArgumentException(op + ": no kernels");
        Checks.nonNegative(op, "steps", steps);
        Checks.nonNegative(op, "batch", batch);
        Checks.nonNegative(op, "h", h);
        if (w == null || w.owner != k.matMul() || w.k != wk || w.n != wn) {
            throw new IllegalArgumentException(op + ": the packed recurrent matrix must be " + wk + "x" + wn
                    + " packed by these kernels" + (w == null ? ", got none" : ", got " + w.k + "x" + w.n));
        }
    }

    private static void checkCarry(String op, int batch, int h, float[] a, float[] b, float[] c) {
        Checks.range(op, "carry", a, 0, (long) batch * h);
        Checks.range(op, "carry", b, 0, (long) batch * h);
        Checks.range(op, "scratch", c, 0, (long) batch * h);
    }
}
