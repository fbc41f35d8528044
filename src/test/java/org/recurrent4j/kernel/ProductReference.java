package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The oracle for the matrix-product tests: EJML in double precision, and an error bound per element.
 *
 * <p>The bound is the classical one for a float dot product of length k, doubled for safety:
 * |computed − exact| ≤ 2·(k + 2)·u·(|alpha|·Σ_p |op(A)_ip|·|op(B)_pj| + |beta·C_ij|), with u = 2^-24 the unit
 * roundoff of float (the +2 covers the scaling by alpha and the update with beta). It grows with k, yet a
 * dropped term or a wrong sign moves an element by a whole |a·b|, far more than k·u of the sum of such terms;
 * {@code MatMulTest.theBoundCatchesADroppedTermAndAWrongSign} checks that it does.
 */
final class ProductReference {
    private ProductReference() {}

    static final double UNIT_ROUNDOFF = Math.ulp(1f) / 2;

    /** The Vector API products, or the test is skipped when they cannot run in this JVM. */
    static MatMul vector() {
        assumeTrue(Kernels.vectorAvailable(), () -> "Vector API kernels unavailable: "
                + KernelSelection.vectorUnavailableReason());
        return Kernels.vector().matMul();
    }

    /**
     * A rows×cols matrix stored row-major from {@code off} with leading dimension {@code ld}, inside an array
     * whose other elements (before, between rows, after) are guards that no product may touch.
     */
    record Stored(float[] data, int off, int rows, int cols, int ld) {

        /** Uniform entries in [−1, 1); offset and padding 0 to 3 elements each. */
        static Stored random(int rows, int cols, SplittableRandom rng) {
            return random(rows, cols, Math.max(1, cols) + rng.nextInt(4), rng);
        }

        /** Uniform entries in [−1, 1) with the given leading dimension; offset and tail 0 to 3 elements. */
        static Stored random(int rows, int cols, int ld, SplittableRandom rng) {
            int off = rng.nextInt(4);
            float[] data = new float[off + rows * ld + rng.nextInt(4)];
            for (int i = 0; i < data.length; i++) data[i] = (float) (2 * rng.nextDouble() - 1);
            return new Stored(data, off, rows, cols, ld);
        }

        float get(int i, int j) {
            return data[off + i * ld + j];
        }

        void set(int i, int j, float v) {
            data[off + i * ld + j] = v;
        }

        void fill(float v) {
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) set(i, j, v);
        }

        boolean inside(int index) {
            int r = index - off;
            return r >= 0 && r < rows * ld && r % ld < cols;
        }

        Stored copy() {
            return new Stored(data.clone(), off, rows, cols, ld);
        }

        DMatrixRMaj toEjml(boolean abs) {
            DMatrixRMaj d = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) d.set(i, j, abs ? Math.abs(get(i, j)) : get(i, j));
            }
            return d;
        }
    }

    /** op(X)·op(Y) by EJML, from X and Y as stored. */
    static DMatrixRMaj product(boolean transX, boolean transY, DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj r = new DMatrixRMaj(transX ? x.numCols : x.numRows, transY ? y.numRows : y.numCols);
        if (transX && transY) CommonOps_DDRM.multTransAB(x, y, r);
        else if (transX) CommonOps_DDRM.multTransA(x, y, r);
        else if (transY) CommonOps_DDRM.multTransB(x, y, r);
        else CommonOps_DDRM.mult(x, y, r);
        return r;
    }

    /**
     * Checks {@code after} = alpha·op(X)·op(Y) + beta·{@code before} within the bound, where op(X)·op(Y) is m×n
     * with inner dimension k; with beta = 0 the old contents must not matter. Guards must be bit-for-bit intact.
     */
    static void assertProduct(String what, boolean transX, boolean transY, int k, float alpha, Stored x, Stored y,
                              float beta, Stored before, float[] after) {
        DMatrixRMaj exact = product(transX, transY, x.toEjml(false), y.toEjml(false));
        DMatrixRMaj magnitude = product(transX, transY, x.toEjml(true), y.toEjml(true));
        for (int i = 0; i < before.rows(); i++) {
            for (int j = 0; j < before.cols(); j++) {
                double old = beta == 0f ? 0 : (double) beta * before.get(i, j);
                double expected = alpha * exact.get(i, j) + old;
                double bound = 2 * (k + 2) * UNIT_ROUNDOFF * (Math.abs(alpha) * magnitude.get(i, j) + Math.abs(old));
                float actual = after[before.off() + i * before.ld() + j];
                if (!(Math.abs(actual - expected) <= bound)) {
                    fail(what + ": element (" + i + ", " + j + ") is " + actual + ", expected " + expected
                            + " ± " + bound);
                }
            }
        }
        for (int p = 0; p < after.length; p++) {
            if (!before.inside(p) && Float.floatToRawIntBits(after[p]) != Float.floatToRawIntBits(before.data()[p])) {
                fail(what + ": wrote outside the result, at index " + p);
            }
        }
    }
}
