package org.recurrent4j.bench.kernel;

import java.util.SplittableRandom;

/**
 * Prepares a benchmark's matrix product for an implementation on seeded random operands, runs it once and
 * checks the result against a double-precision reference, so that a baseline wired up wrongly (a swapped
 * transpose, a wrong leading dimension, an OpenBLAS core that miscomputes) fails the run instead of reporting
 * a meaningless speed. The checks sample entries of C, so that they stay cheap for large products.
 */
final class Products {
    private static final long SEED = 20240601L;
    private static final int SAMPLES = 64;

    private Products() {}

    static Product gemm(String impl, GemmShape s) {
        var rng = new SplittableRandom(SEED);
        float[] a = RandomArrays.uniform(rng, s.aRows() * s.aCols(), -1f, 1f);
        float[] b = RandomArrays.uniform(rng, s.bRows() * s.bCols(), -1f, 1f);
        float[] c0 = RandomArrays.uniform(rng, s.m() * s.n(), -1f, 1f);
        Product p = ProductBackend.named(impl).gemm(s, a, b, c0.clone());
        p.run();
        float[] c = p.output();
        for (int t = 0; t < SAMPLES; t++) {
            // Corners first, where edge tiles live; then random entries.
            int i = t < 4 ? (t % 2 == 0 ? 0 : s.m() - 1) : rng.nextInt(s.m());
            int j = t < 4 ? (t < 2 ? 0 : s.n() - 1) : rng.nextInt(s.n());
            double sum = s.beta() * (double) c0[i * s.n() + j];
            double magnitude = Math.abs(sum);
            for (int q = 0; q < s.k(); q++) {
                double term = (double) a(s, a, i, q) * b(s, b, q, j);
                sum += term;
                magnitude += Math.abs(term);
            }
            check(impl, s, "C[" + i + "][" + j + "]", c[i * s.n() + j], sum, magnitude, s.k());
        }
        return p;
    }

    static Product gemv(String impl, GemvShape s) {
        var rng = new SplittableRandom(SEED);
        float[] a = RandomArrays.uniform(rng, s.m() * s.n(), -1f, 1f);
        float[] x = RandomArrays.uniform(rng, s.xLength(), -1f, 1f);
        Product p = ProductBackend.named(impl).gemv(s, a, x, new float[s.yLength()]);
        p.run();
        float[] y = p.output();
        for (int r = 0; r < s.yLength(); r++) {
            double sum = 0, magnitude = 0;
            for (int q = 0; q < s.xLength(); q++) {
                double term = (double) (s.trans() ? a[q * s.n() + r] : a[r * s.n() + q]) * x[q];
                sum += term;
                magnitude += Math.abs(term);
            }
            check(impl, s, "y[" + r + "]", y[r], sum, magnitude, s.xLength());
        }
        return p;
    }

    private static float a(GemmShape s, float[] a, int i, int p) {
        return s.transA() ? a[p * s.aCols() + i] : a[i * s.aCols() + p];
    }

    private static float b(GemmShape s, float[] b, int p, int j) {
        return s.transB() ? b[j * s.bCols() + p] : b[p * s.bCols() + j];
    }

    /** Float rounding in a sum of terms terms is bounded by about terms·2⁻²⁴ of the sum of their magnitudes. */
    private static void check(String impl, Object shape, String where, float got, double want, double magnitude,
                              int terms) {
        double tolerance = (terms + 2) * 0x1p-23 * magnitude + 1e-6;
        if (!(Math.abs(got - want) <= tolerance)) {
            throw new IllegalStateException(impl + " computes " + shape + " wrongly: " + where + " = " + got
                    + ", expected " + want + " (tolerance " + tolerance + ")");
        }
    }
}
