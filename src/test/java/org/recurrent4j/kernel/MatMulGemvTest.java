package org.recurrent4j.kernel;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recurrent4j.kernel.ProductReference.Stored;

/** gemv of both kernel sets against EJML in double precision, both ways round. */
class MatMulGemvTest {
    private static final int[] SIZES = {1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 100, 129, 257, 1000};
    private static final float[] ALPHAS = {1f, 0f, -0.7f};
    private static final float[] BETAS = {0f, 1f, 1.3f};

    private static void check(boolean trans, int m, int n, float alpha, float beta, SplittableRandom rng) {
        Stored a = Stored.random(m, n, rng);
        int xlen = trans ? m : n;
        int ylen = trans ? n : m;
        Stored x = vector(xlen, rng);
        Stored y = vector(ylen, rng);
        if (beta == 0f) y.fill(Float.NaN); // must be ignored
        for (MatMul mm : List.of(Kernels.scalar().matMul(), ProductReference.vector())) {
            float[] out = y.data().clone();
            mm.gemv(trans, m, n, alpha, a.data(), a.off(), a.ld(), x.data(), x.off(), beta, out, y.off());
            String what = mm.getClass().getSimpleName() + (trans ? " gemvT " : " gemvN ") + m + "x" + n
                    + " alpha " + alpha + " beta " + beta;
            ProductReference.assertProduct(what, trans, false, xlen, alpha, a, x, beta, y, out);
        }
    }

    /** A contiguous vector as a len×1 matrix, with 0 to 3 guards before and after. */
    private static Stored vector(int len, SplittableRandom rng) {
        int off = rng.nextInt(4);
        float[] data = new float[off + len + rng.nextInt(4)];
        for (int i = 0; i < data.length; i++) data[i] = (float) (2 * rng.nextDouble() - 1);
        return new Stored(data, off, len, 1, 1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyPairOfSizesMatchesEjml(boolean trans) {
        SplittableRandom rng = new SplittableRandom(trans ? 1 : 2);
        int combo = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                check(trans, m, n, ALPHAS[combo / 3], BETAS[combo % 3], rng);
                combo = (combo + 1) % 9;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void emptyMatrixScalesY(boolean trans) {
        SplittableRandom rng = new SplittableRandom(3);
        for (float beta : BETAS) {
            check(trans, 0, 5, 1f, beta, rng);
            check(trans, 5, 0, 1f, beta, rng);
        }
    }
}
