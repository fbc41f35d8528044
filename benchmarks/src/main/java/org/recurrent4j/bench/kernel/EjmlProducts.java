package org.recurrent4j.bench.kernel;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * EJML's single-precision dense products (CommonOps_FDRM, single-threaded) on the same arrays, wrapped
 * without copying. EJML has no alpha/beta form: beta = 0 maps to {@code mult*} and beta = 1 to {@code multAdd*}.
 */
final class EjmlProducts implements ProductBackend {

    @Override
    public Product gemm(GemmShape s, float[] a, float[] b, float[] c) {
        if (s.beta() != 0f && s.beta() != 1f) {
            throw new IllegalArgumentException("EJML has no product with beta = " + s.beta());
        }
        FMatrixRMaj ma = FMatrixRMaj.wrap(s.aRows(), s.aCols(), a);
        FMatrixRMaj mb = FMatrixRMaj.wrap(s.bRows(), s.bCols(), b);
        FMatrixRMaj mc = FMatrixRMaj.wrap(s.m(), s.n(), c);
        boolean add = s.beta() == 1f;
        Runnable op;
        if (!s.transA() && !s.transB()) {
            op = add ? () -> CommonOps_FDRM.multAdd(ma, mb, mc) : () -> CommonOps_FDRM.mult(ma, mb, mc);
        } else if (s.transA() && !s.transB()) {
            op = add ? () -> CommonOps_FDRM.multAddTransA(ma, mb, mc) : () -> CommonOps_FDRM.multTransA(ma, mb, mc);
        } else if (!s.transA()) {
            op = add ? () -> CommonOps_FDRM.multAddTransB(ma, mb, mc) : () -> CommonOps_FDRM.multTransB(ma, mb, mc);
        } else {
            op = add ? () -> CommonOps_FDRM.multAddTransAB(ma, mb, mc) : () -> CommonOps_FDRM.multTransAB(ma, mb, mc);
        }
        return wrap(op, c);
    }

    @Override
    public Product gemv(GemvShape s, float[] a, float[] x, float[] y) {
        FMatrixRMaj ma = FMatrixRMaj.wrap(s.m(), s.n(), a);
        FMatrixRMaj mx = FMatrixRMaj.wrap(s.xLength(), 1, x);
        FMatrixRMaj my = FMatrixRMaj.wrap(s.yLength(), 1, y);
        // With a one-column right-hand side, CommonOps_FDRM dispatches to its matrix-vector routines.
        Runnable op = s.trans() ? () -> CommonOps_FDRM.multTransA(ma, mx, my) : () -> CommonOps_FDRM.mult(ma, mx, my);
        return wrap(op, y);
    }

    private static Product wrap(Runnable op, float[] out) {
        return new Product() {
            @Override
            public void run() {
                op.run();
            }

            @Override
            public float[] output() {
                return out.clone();
            }
        };
    }
}
