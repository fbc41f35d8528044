package org.recurrent4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The softmax family on the Vector API. A single vector is reduced along its length (max, then Σ exp, then a
 * scale). A rows×cols batch is vectorised across columns: one vector holds L consecutive columns of a row, so
 * the per-column max and sum are plain lane-wise operations in registers and no reduction across lanes is needed.
 * Columns left over (and batches narrower than a vector) take a per-column scalar path; a single column is
 * contiguous and takes the vector path. Exponentials and logarithms are {@link VectorMath}'s, and lanes are summed
 * in lane order ({@link VectorMath#sumLanes}), so results are reproducible bit for bit, interpreted or compiled;
 * VectorOperators.EXP, LOG and reduceLanes(ADD) are not.
 */
final class VectorSoftmax extends Softmax {
    private static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    private static final int L = S.length();

    @Override
    void softmaxUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        float sum = expSum(n, x, xOff, max(n, x, xOff), y, yOff);
        scale(n, 1f / sum, y, yOff);
    }

    @Override
    void logSoftmaxUnchecked(int n, float[] x, int xOff, float[] y, int yOff) {
        float max = max(n, x, xOff);
        float logSum = VectorMath.log(expSum(n, x, xOff, max, null, 0));
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).sub(max).sub(logSum).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = x[xOff + i] - max - logSum;
    }

    @Override
    void softmaxColumnsUnchecked(int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
        if (cols == 1) {
            softmaxUnchecked(rows, x, xOff, y, yOff);
            return;
        }
        int j = 0;
        for (int bound = S.loopBound(cols); j < bound; j += L) {
            FloatVector sum = expSumColumns(rows, cols, x, xOff + j, maxColumns(rows, cols, x, xOff + j), y, yOff + j);
            scaleColumns(rows, cols, FloatVector.broadcast(S, 1f).div(sum), y, yOff + j);
        }
        for (; j < cols; j++) {
            float max = x[xOff + j];
            for (int r = 1; r < rows; r++) max = Math.max(max, x[xOff + r * cols + j]);
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                float e = VectorMath.exp(x[xOff + r * cols + j] - max);
                y[yOff + r * cols + j] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int r = 0; r < rows; r++) y[yOff + r * cols + j] *= inv;
        }
    }

    @Override
    double crossEntropyUnchecked(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                 float[] grad, int gOff, float[] loss, int lossOff) {
        double total = 0;
        int j = 0;
        if (cols > 1) {
            for (int bound = S.loopBound(cols); j < bound; j += L) {
                total += crossEntropyBlock(rows, cols, logits, lOff + j, targets, tOff + j, grad, gOff + j, loss,
                        lossOff + j);
            }
        }
        for (; j < cols; j++) {
            float l = crossEntropyColumn(rows, cols, logits, lOff + j, targets[tOff + j], grad, gOff + j);
            loss[lossOff + j] = l;
            total += l;
        }
        return total;
    }

    @Override
    double crossEntropyRowsUnchecked(int rows, int cols, float[] logits, int lOff, int[] targets, int tOff,
                                     float scale, float[] grad, int gOff, float[] loss, int lossOff) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int go = gOff + i * cols;
            float l = crossEntropyColumn(cols, 1, logits, lOff + i * cols, targets[tOff + i], grad, go);
            if (scale != 1f) scale(cols, scale, grad, go);
            loss[lossOff + i] = l;
            total += l;
        }
        return total;
    }

    /** L columns at once. grad may alias logits, so each target logit is read first, stashed in loss. */
    private static double crossEntropyBlock(int rows, int cols, float[] logits, int lo, int[] targets, int to,
                                            float[] grad, int go, float[] loss, int lossO) {
        FloatVector max = maxColumns(rows, cols, logits, lo);
        for (int l = 0; l < L; l++) {
            int t = targets[to + l];
            loss[lossO + l] = t < 0 ? 0f : logits[lo + t * cols + l];
        }
        FloatVector sum = expSumColumns(rows, cols, logits, lo, max, grad, go);
        scaleColumns(rows, cols, FloatVector.broadcast(S, 1f).div(sum), grad, go);
        VectorMath.log(sum).sub(FloatVector.fromArray(S, loss, lossO).sub(max)).intoArray(loss, lossO);
        double total = 0;
        for (int l = 0; l < L; l++) {
            int t = targets[to + l];
            if (t < 0) {
                for (int r = 0; r < rows; r++) grad[go + r * cols + l] = 0f;
                loss[lossO + l] = 0f;
            } else {
                grad[go + t * cols + l] -= 1f;
                total += loss[lossO + l];
            }
        }
        return total;
    }

    /** One column with the given stride: along the vector when it is contiguous, else scalar. Returns its loss. */
    private static float crossEntropyColumn(int rows, int stride, float[] logits, int lo, int t, float[] grad, int go) {
        if (t < 0) {
            for (int r = 0; r < rows; r++) grad[go + r * stride] = 0f;
            return 0f;
        }
        float target = logits[lo + t * stride];
        float max;
        double sum;
        if (stride == 1) {
            max = max(rows, logits, lo);
            sum = expSum(rows, logits, lo, max, grad, go);
            scale(rows, (float) (1 / sum), grad, go);
        } else {
            max = logits[lo];
            for (int r = 1; r < rows; r++) max = Math.max(max, logits[lo + r * stride]);
            sum = 0;
            for (int r = 0; r < rows; r++) {
                float e = VectorMath.exp(logits[lo + r * stride] - max);
                grad[go + r * stride] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int r = 0; r < rows; r++) grad[go + r * stride] *= inv;
        }
        grad[go + t * stride] -= 1f;
        return VectorMath.log((float) sum) - (target - max);
    }

    /** max of x[off..off+n), n ≥ 1, with four independent accumulators. */
    private static float max(int n, float[] x, int off) {
        float max = x[off];
        int i = 0;
        if (n >= L) {
            FloatVector m0 = FloatVector.fromArray(S, x, off), m1 = m0, m2 = m0, m3 = m0;
            for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
                m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i));
                m1 = m1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i + L));
                m2 = m2.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i + 2 * L));
                m3 = m3.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            for (int bound = S.loopBound(n); i < bound; i += L) {
                m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i));
            }
            max = m0.lanewise(VectorOperators.MAX, m1).lanewise(VectorOperators.MAX, m2.lanewise(VectorOperators.MAX, m3))
                    .reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) max = Math.max(max, x[off + i]);
        return max;
    }

    /**
     * Σ exp(x − shift) over x[off..off+n), writing each exponential to y unless y is null. Whole vectors go to two
     * accumulators in turn, so the adds pipeline; the loop holds one exponential, since C2 cannot inline two into
     * one method, and a vector it does not inline is boxed on the heap.
     */
    private static float expSum(int n, float[] x, int xOff, float shift, float[] y, int yOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        int i = 0;
        boolean swapped = false;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xOff + i).sub(shift));
            if (y != null) e.intoArray(y, yOff + i);
            FloatVector next = s1;
            s1 = s0.add(e);
            s0 = next;
            swapped = !swapped;
        }
        // Vector v went to the accumulator of its parity, the first one for v = 0, 2, ...
        float sum = VectorMath.sumLanes(swapped ? s1.add(s0) : s0.add(s1));
        for (; i < n; i++) {
            float e = VectorMath.exp(x[xOff + i] - shift);
            if (y != null) y[yOff + i] = e;
            sum += e;
        }
        return sum;
    }

    private static void scale(int n, float alpha, float[] y, int off) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, y, off + i).mul(alpha).intoArray(y, off + i);
        }
        for (; i < n; i++) y[off + i] *= alpha;
    }

    /** Lane-wise max down L consecutive columns starting at x[off], row stride cols. */
    private static FloatVector maxColumns(int rows, int cols, float[] x, int off) {
        FloatVector m = FloatVector.fromArray(S, x, off);
        for (int r = 1; r < rows; r++) m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + r * cols));
        return m;
    }

    /** Writes exp(x − shift) for L columns into y and returns their per-column sums. */
    private static FloatVector expSumColumns(int rows, int cols, float[] x, int xOff, FloatVector shift, float[] y,
                                             int yOff) {
        FloatVector sum = FloatVector.zero(S);
        for (int r = 0; r < rows; r++) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xOff + r * cols).sub(shift));
            e.intoArray(y, yOff + r * cols);
            sum = sum.add(e);
        }
        return sum;
    }

    private static void scaleColumns(int rows, int cols, FloatVector factor, float[] y, int off) {
        for (int r = 0; r < rows; r++) {
            FloatVector.fromArray(S, y, off + r * cols).mul(factor).intoArray(y, off + r * cols);
        }
    }
}
