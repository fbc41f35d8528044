package org.recurrent4j.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.recurrent4j.tensor.Mat;

/**
 * Finite-difference gradient check for anything built on a {@link Graph}: single ops, a model's time steps, a
 * whole sequence with its losses. Reusable from any test package.
 *
 * <p>The caller supplies the inputs to check (parameters, inputs, states; any Mat, views included) and a loss
 * function. The loss function builds the forward pass on the graph it is given, <em>seeds the gradient</em> of
 * its outputs with ∂L/∂output, and returns L. Two ways to seed:
 * <ul>
 *   <li>{@link #project(Mat, long)}: L = Σ r ⊙ out with a fixed random r, which adds r to out.dw;</li>
 *   <li>{@link Graph#softmaxCrossEntropy}: returns the loss and writes logits.dw itself.</li>
 * </ul>
 * <pre>{@code
 * Mat a = Mat.uniform(3, 4, 1f, rng), b = Mat.uniform(4, 2, 1f, rng);
 * GradientCheck.check(List.of(a, b), g -> GradientCheck.project(g.mul(a, b), 7));
 *
 * GradientCheck.check(model.parameters().stream().map(Parameter::mat).toList(), g -> {
 *     State s = model.initialState(1);
 *     double loss = 0;
 *     for (int t = 0; t < xs.size(); t++) {
 *         s = model.forward(g, xs.get(t), s);
 *         loss += g.softmaxCrossEntropy(s.output(), targets[t]);
 *     }
 *     return loss;
 * });
 * }</pre>
 * The analytic gradient comes from one run on a recording graph followed by {@link Graph#backward()}; the
 * numerical one from central differences (L(w + ε) − L(w − ε)) / (w₊ − w₋) per element, with the forward in
 * float and the loss summed in double. An element passes when |analytic − numerical| ≤ atol + rtol·max(|analytic|,
 * |numerical|). The defaults (ε = 1e-2, rtol = 1e-2, atol = 1e-4) are tight enough that a wrong sign, a dropped
 * term or a gradient off by a few percent fails, and loose enough for float rounding and the O(ε²) truncation of
 * smooth ops. Keep inputs of relu away from 0 by more than ε. The check also fails when every gradient is below
 * atol, since such a loss checks nothing. Afterwards the inputs' dw hold the analytic gradient.
 */
public final class GradientCheck {
    public static final double EPS = 1e-2;
    public static final double RTOL = 1e-2;
    public static final double ATOL = 1e-4;

    private GradientCheck() {}

    /** The worst element of a passing check: its input, index, both gradients and the relative error. */
    public record Result(int input, int index, double analytic, double numerical, double relativeError) {}

    /** Checks with the default ε and tolerances; throws AssertionError naming the first failing element. */
    public static Result check(List<Mat> inputs, ToDoubleFunction<Graph> loss) {
        return check(inputs, loss, EPS, RTOL, ATOL);
    }

    /** Checks with the given step and tolerances; throws AssertionError naming the first failing element. */
    public static Result check(List<Mat> inputs, ToDoubleFunction<Graph> loss, double eps, double rtol, double atol) {
        for (Mat m : inputs) m.zeroGrad();
        Graph recording = new Graph(true);
        loss.applyAsDouble(recording);
        recording.backward();
        List<float[]> analytic = new ArrayList<>();
        for (Mat m : inputs) {
            float[] g = new float[m.size()];
            System.arraycopy(m.dw, m.offset, g, 0, g.length);
            analytic.add(g);
        }

        Graph probe = new Graph(false);
        Result worst = null;
        double largest = 0;
        for (int k = 0; k < inputs.size(); k++) {
            Mat m = inputs.get(k);
            for (int i = 0; i < m.size(); i++) {
                int at = m.offset + i;
                float saved = m.w[at];
                float plus = (float) (saved + eps);
                float minus = (float) (saved - eps);
                m.w[at] = plus;
                probe.reset();
                double lossPlus = loss.applyAsDouble(probe);
                m.w[at] = minus;
                probe.reset();
                double lossMinus = loss.applyAsDouble(probe);
                m.w[at] = saved;
                double numerical = (lossPlus - lossMinus) / ((double) plus - minus);
                double a = analytic.get(k)[i];
                double scale = Math.max(Math.abs(a), Math.abs(numerical));
                largest = Math.max(largest, scale);
                double error = Math.abs(a - numerical);
                if (error > atol + rtol * scale) {
                    throw new AssertionError(String.format("gradient check: input %d (%s) element %d: analytic %.7g,"
                            + " numerical %.7g (|diff| %.3g > %.1g + %.1g·%.3g)", k, m.shape(), i, a, numerical,
                            error, atol, rtol, scale));
                }
                double relative = error / Math.max(scale, atol);
                if (worst == null || relative > worst.relativeError()) {
                    worst = new Result(k, i, a, numerical, relative);
                }
            }
        }
        if (largest <= atol) {
            throw new AssertionError("gradient check: every gradient is below " + atol + "; the loss checks nothing");
        }
        for (int k = 0; k < inputs.size(); k++) {
            Mat m = inputs.get(k);
            System.arraycopy(analytic.get(k), 0, m.dw, m.offset, m.size());
        }
        return worst;
    }

    /**
     * The random projection loss L = Σ r ⊙ out, r uniform on [−1, 1) drawn from {@code seed}; adds r to out.dw
     * (the gradient of L) and returns L. The same seed gives the same r on every call.
     */
    public static double project(Mat out, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        for (int i = 0; i < out.size(); i++) {
            float r = (float) (rng.nextDouble() * 2 - 1);
            sum += (double) r * out.w[out.offset + i];
            out.dw[out.offset + i] += r;
        }
        return sum;
    }
}
