package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fused cell computes exactly what its documented composition of the primitive kernels of the same set
 * computes (compared with ==, so +0 and −0 are one), and the two sets agree to float rounding. Row lengths cover
 * every tail at every vector width.
 */
class CellsTest {
    private static final int[] WIDTHS = {1, 3, 7, 8, 9, 16, 17, 33, 64};
    private static final int ROWS = 3;

    static Stream<Kernels> implementations() {
        return KernelTesting.implementations();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void lstmIsItsComposition(Kernels k) {
        SplittableRandom rng = new SplittableRandom(1);
        for (int h : WIDTHS) {
            float[] pre = KernelTesting.uniform(rng, 4 * ROWS * h, -4, 4);
            float[] cPrev = KernelTesting.uniform(rng, ROWS * h, -2, 2);
            float[] g = pre.clone();
            float[] c = new float[ROWS * h], tc = new float[ROWS * h], hOut = new float[ROWS * h];
            k.cells().lstmForward(ROWS, h, g, 0, cPrev, 0, c, 0, tc, 0, hOut, 0);

            Activations act = k.activations();
            ElementWise ew = k.elementWise();
            float[] eg = pre.clone(), ec = new float[ROWS * h], etc = new float[ROWS * h], eh = new float[ROWS * h];
            for (int r = 0; r < ROWS; r++) {
                int gi = 4 * r * h, ri = r * h;
                act.sigmoid(3 * h, eg, gi, eg, gi);
                act.tanh(h, eg, gi + 3 * h, eg, gi + 3 * h);
                ew.mul(h, eg, gi + h, cPrev, ri, ec, ri);
                ew.mulAdd(h, eg, gi, eg, gi + 3 * h, ec, ri);
                act.tanh(h, ec, ri, etc, ri);
                ew.mul(h, eg, gi + 2 * h, etc, ri, eh, ri);
            }
            same(eg, g, "gates", h);
            same(ec, c, "c", h);
            same(etc, tc, "tanh c", h);
            same(eh, hOut, "h", h);

            float[] dh = KernelTesting.uniform(rng, ROWS * h, -1, 1);
            float[] dc0 = KernelTesting.uniform(rng, ROWS * h, -1, 1);
            float[] dc = dc0.clone(), dg = new float[4 * ROWS * h];
            k.cells().lstmBackward(ROWS, h, g, 0, cPrev, 0, tc, 0, dh, 0, dc, 0, dg, 0);

            float[] edc = dc0.clone(), edg = new float[4 * ROWS * h], t = new float[h];
            for (int r = 0; r < ROWS; r++) {
                int gi = 4 * r * h, ri = r * h;
                ew.mul(h, g, gi + 2 * h, dh, ri, t, 0);
                act.tanhBackward(h, tc, ri, t, 0, edc, ri); // dc's whole gradient
                ew.mul(h, tc, ri, dh, ri, t, 0);
                act.sigmoidBackward(h, g, gi + 2 * h, t, 0, edg, gi + 2 * h);
                ew.mul(h, g, gi + 3 * h, edc, ri, t, 0);
                act.sigmoidBackward(h, g, gi, t, 0, edg, gi);
                ew.mul(h, g, gi, edc, ri, t, 0);
                act.tanhBackward(h, g, gi + 3 * h, t, 0, edg, gi + 3 * h);
                ew.mul(h, cPrev, ri, edc, ri, t, 0);
                act.sigmoidBackward(h, g, gi + h, t, 0, edg, gi + h);
                ew.mul(h, g, gi + h, edc, ri, edc, ri);
            }
            same(edg, dg, "gate gradients", h);
            same(edc, dc, "cPrev's gradient", h);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void gruIsItsComposition(Kernels k) {
        SplittableRandom rng = new SplittableRandom(2);
        Activations act = k.activations();
        ElementWise ew = k.elementWise();
        for (int h : WIDTHS) {
            float[] pre = KernelTesting.uniform(rng, 3 * ROWS * h, -4, 4);
            float[] hPrev = KernelTesting.uniform(rng, ROWS * h, -1, 1);
            float[] g = pre.clone(), rh = new float[ROWS * h], hOut = new float[ROWS * h];
            k.cells().gruGates(ROWS, h, g, 0, hPrev, 0, rh, 0);
            k.cells().gruOutput(ROWS, h, g, 0, hPrev, 0, hOut, 0);

            float[] eg = pre.clone(), erh = new float[ROWS * h], eh = new float[ROWS * h];
            float[] keep = new float[h], a = new float[h], b = new float[h];
            for (int r = 0; r < ROWS; r++) {
                int gi = 3 * r * h, ri = r * h;
                act.sigmoid(2 * h, eg, gi, eg, gi);
                ew.mul(h, eg, gi + h, hPrev, ri, erh, ri);
                act.tanh(h, eg, gi + 2 * h, eg, gi + 2 * h);
                System.arraycopy(eg, gi, keep, 0, h);
                ew.scale(h, -1f, keep, 0);
                ew.fill(h, 1f, a, 0);
                ew.add(h, a, 0, keep, 0, keep, 0);
                ew.mul(h, keep, 0, hPrev, ri, a, 0);
                ew.mul(h, eg, gi, eg, gi + 2 * h, b, 0);
                ew.add(h, a, 0, b, 0, eh, ri);
            }
            same(eg, g, "gates", h);
            same(erh, rh, "r ⊙ h", h);
            same(eh, hOut, "h", h);

            float[] dh = KernelTesting.uniform(rng, ROWS * h, -1, 1);
            float[] drh = KernelTesting.uniform(rng, ROWS * h, -1, 1);
            float[] dg = new float[3 * ROWS * h], dhPrev = new float[ROWS * h];
            k.cells().gruOutputBackward(ROWS, h, g, 0, hPrev, 0, dh, 0, dg, 0, dhPrev, 0);
            k.cells().gruGatesBackward(ROWS, h, g, 0, hPrev, 0, drh, 0, dg, 0, dhPrev, 0);

            float[] edg = new float[3 * ROWS * h], edhPrev = new float[ROWS * h], du = new float[h];
            for (int r = 0; r < ROWS; r++) {
                int gi = 3 * r * h, ri = r * h;
                ew.mul(h, g, gi, dh, ri, a, 0);
                act.tanhBackward(h, g, gi + 2 * h, a, 0, edg, gi + 2 * h);
                ew.mul(h, g, gi + 2 * h, dh, ri, a, 0);
                ew.mul(h, hPrev, ri, dh, ri, b, 0);
                ew.sub(h, a, 0, b, 0, du, 0);
                System.arraycopy(g, gi, keep, 0, h);
                ew.scale(h, -1f, keep, 0);
                ew.fill(h, 1f, a, 0);
                ew.add(h, a, 0, keep, 0, keep, 0);
                ew.mul(h, keep, 0, dh, ri, edhPrev, ri);
                ew.mulAdd(h, g, gi + h, drh, ri, edhPrev, ri);
                act.sigmoidBackward(h, g, gi, du, 0, edg, gi);
                ew.mul(h, hPrev, ri, drh, ri, a, 0);
                act.sigmoidBackward(h, g, gi + h, a, 0, edg, gi + h);
            }
            same(edg, dg, "gate gradients", h);
            same(edhPrev, dhPrev, "hPrev's gradient", h);
        }
    }

    @Test
    void theVectorCellsAgreeWithTheScalarTwinToRounding() {
        Kernels vector = KernelTesting.vector();
        Kernels scalar = Kernels.scalar();
        SplittableRandom rng = new SplittableRandom(3);
        int h = 37;
        float[] pre = KernelTesting.uniform(rng, 4 * ROWS * h, -5, 5);
        float[] cPrev = KernelTesting.uniform(rng, ROWS * h, -2, 2);
        float[][] out = new float[2][];
        int i = 0;
        for (Kernels k : new Kernels[] {vector, scalar}) {
            float[] g = pre.clone(), c = new float[ROWS * h], tc = new float[ROWS * h], hOut = new float[ROWS * h];
            k.cells().lstmForward(ROWS, h, g, 0, cPrev, 0, c, 0, tc, 0, hOut, 0);
            out[i++] = hOut;
        }
        for (int j = 0; j < out[0].length; j++) assertEquals(out[1][j], out[0][j], 1e-6, "h[" + j + "]");
    }

    @Test
    void sizesAreCheckedAtTheEntry() {
        Cells cells = Kernels.get().cells();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cells.lstmForward(2, 4, new float[31], 0, new float[8], 0, new float[8], 0, new float[8], 0,
                        new float[8], 0));
        assertTrue(e.getMessage().startsWith("lstmForward: g needs 32 elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> cells.gruGates(1, -1, new float[3], 0, new float[1], 0, new float[1], 0));
    }

    private static void same(float[] expected, float[] actual, String what, int h) {
        for (int i = 0; i < expected.length; i++) {
            assertTrue(expected[i] == actual[i] || (Float.isNaN(expected[i]) && Float.isNaN(actual[i])),
                    what + " at h = " + h + ", element " + i + ": " + expected[i] + " against " + actual[i]);
        }
    }
}
