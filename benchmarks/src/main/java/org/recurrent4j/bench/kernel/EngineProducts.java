package org.recurrent4j.bench.kernel;

import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.kernel.MatMul;

/** The engine's own gemm and gemv, through the public checked entry points a caller would use. */
final class EngineProducts implements ProductBackend {
    private final MatMul matMul;

    EngineProducts(Kernels kernels) {
        this.matMul = kernels.matMul();
    }

    @Override
    public Product gemm(GemmShape s, float[] a, float[] b, float[] c) {
        return new Product() {
            @Override
            public void run() {
                matMul.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.aCols(), b, 0, s.bCols(),
                        s.beta(), c, 0, s.n());
            }

            @Override
            public float[] output() {
                return c.clone();
            }
        };
    }

    @Override
    public Product gemv(GemvShape s, float[] a, float[] x, float[] y) {
        return new Product() {
            @Override
            public void run() {
                matMul.gemv(s.trans(), s.m(), s.n(), 1f, a, 0, s.n(), x, 0, 0f, y, 0);
            }

            @Override
            public float[] output() {
                return y.clone();
            }
        };
    }
}
