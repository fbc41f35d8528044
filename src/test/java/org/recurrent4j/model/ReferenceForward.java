package org.recurrent4j.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.recurrent4j.tensor.Mat;

/**
 * The formulas of docs/math.md#models written out in double precision on plain arrays, reading the parameters by
 * name: an oracle for the models' forward pass that shares no code with them.
 */
final class ReferenceForward {
    private final String kind;
    private final int layers;
    private final Map<String, double[][]> p = new HashMap<>();
    /** The smallest |pre-activation| any ReLU has seen, to show a finite-difference step never crosses the kink. */
    private double reluMargin = Double.POSITIVE_INFINITY;

    /** Hidden states, cells (LSTMs) and output after a step. */
    record Step(List<double[][]> hidden, List<double[][]> cells, double[][] output) {}

    ReferenceForward(RecurrentModel model) {
        kind = model.kind();
        layers = model.hiddenSizes().size();
        for (Parameter param : model.parameters()) p.put(param.name(), of(param.mat()));
    }

    double reluMargin() {
        return reluMargin;
    }

    static double[][] of(Mat m) {
        double[][] a = new double[m.rows][m.cols];
        for (int r = 0; r < m.rows; r++) {
            for (int c = 0; c < m.cols; c++) a[r][c] = m.get(r, c);
        }
        return a;
    }

    Step step(double[][] x, List<double[][]> hPrev, List<double[][]> cPrev) {
        List<double[][]> hidden = new ArrayList<>(), cells = new ArrayList<>();
        double[][] hStar = stack(hPrev);
        for (int j = 0; j < layers; j++) {
            double[][] in = j == 0 ? x : hidden.get(j - 1), h = hPrev.get(j);
            switch (kind.replace("-scalar", "")) {
                case "rnn" -> hidden.add(map(affine("Wxh", "Whh", "bhh", j, in, h), v -> {
                    reluMargin = Math.min(reluMargin, Math.abs(v));
                    return Math.max(0, v);
                }));
                case "rnn-tanh" -> hidden.add(map(affine("Wxh", "Whh", "bhh", j, in, h), Math::tanh));
                case "lstm" -> {
                    double[][] c = cell(j, in, h, cPrev.get(j), map(affine("Wcx", "Wch", "bc", j, in, h), Math::tanh));
                    cells.add(c);
                    hidden.add(mulElt(map(affine("Wox", "Woh", "bo", j, in, h), ReferenceForward::sigmoid),
                            map(c, Math::tanh)));
                }
                case "gru" -> {
                    double[][] r = map(affine("Wrx", "Wrh", "br", j, in, h), ReferenceForward::sigmoid);
                    double[][] candidate = map(add(add(mul(p.get("Wcx" + j), in), mul(p.get("Wch" + j), mulElt(r, h))),
                            p.get("bc" + j)), Math::tanh);
                    hidden.add(mix(map(affine("Wux", "Wuh", "bu", j, in, h), ReferenceForward::sigmoid), h, candidate));
                }
                case "gru-reset-after" -> {
                    double[][] r = map(affine("Wrx", "Wrh", "br", j, in, h), ReferenceForward::sigmoid);
                    double[][] z = map(affine("Wzx", "Wzh", "bz", j, in, h), ReferenceForward::sigmoid);
                    double[][] gated = mulElt(r, add(mul(p.get("Wnh" + j), h), p.get("bnh" + j)));
                    double[][] n = map(add(add(mul(p.get("Wnx" + j), in), p.get("bn" + j)), gated), Math::tanh);
                    hidden.add(mix(z, n, h)); // (1 − z) ⊙ n + z ⊙ h: z weighs the old state
                }
                case "gf-rnn" -> hidden.add(map(add(add(mul(p.get("Wxh" + j), in),
                        feedback("Whh", j, in, hStar, hPrev)), p.get("bhh" + j)), Math::tanh));
                case "gf-gru" -> {
                    double[][] r = map(affine("Wrx", "Wrh", "br", j, in, h), ReferenceForward::sigmoid);
                    double[][] candidate = map(add(add(mul(p.get("Wcx" + j), in),
                            mulElt(r, feedback("Wch", j, in, hStar, hPrev))), p.get("bc" + j)), Math::tanh);
                    hidden.add(mix(map(affine("Wux", "Wuh", "bu", j, in, h), ReferenceForward::sigmoid), h, candidate));
                }
                case "gf-lstm" -> {
                    double[][] write = map(add(add(mul(p.get("Wcx" + j), in), feedback("Wch", j, in, hStar, hPrev)),
                            p.get("bc" + j)), Math::tanh);
                    double[][] c = cell(j, in, h, cPrev.get(j), write);
                    cells.add(c);
                    hidden.add(mulElt(map(affine("Wox", "Woh", "bo", j, in, h), ReferenceForward::sigmoid),
                            map(c, Math::tanh)));
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return new Step(hidden, cells, add(mul(p.get("Whd"), hidden.getLast()), p.get("bd")));
    }

    /** f ⊙ c₋₁ + i ⊙ ĉ. */
    private double[][] cell(int j, double[][] in, double[][] h, double[][] cPrev, double[][] write) {
        double[][] i = map(affine("Wix", "Wih", "bi", j, in, h), ReferenceForward::sigmoid);
        double[][] f = map(affine("Wfx", "Wfh", "bf", j, in, h), ReferenceForward::sigmoid);
        return add(mulElt(f, cPrev), mulElt(i, write));
    }

    /** Σᵢ g^{i→j} ⊙ (U^{i→j}·h^i), a one-row (scalar) gate scaling every row. */
    private double[][] feedback(String u, int j, double[][] in, double[][] hStar, List<double[][]> hPrev) {
        double[][] sum = null;
        for (int i = 0; i < layers; i++) {
            String pair = i + "to" + j;
            double[][] gate = map(add(add(mul(p.get("Wgx" + pair), in), mul(p.get("Wgh" + pair), hStar)),
                    p.get("bg" + pair)), ReferenceForward::sigmoid);
            double[][] term = mul(p.get(u + pair), hPrev.get(i));
            for (int r = 0; r < term.length; r++) {
                for (int c = 0; c < term[0].length; c++) term[r][c] *= gate[gate.length == 1 ? 0 : r][c];
            }
            sum = sum == null ? term : add(sum, term);
        }
        return sum;
    }

    private double[][] affine(String wx, String wh, String b, int j, double[][] in, double[][] h) {
        return add(add(mul(p.get(wx + j), in), mul(p.get(wh + j), h)), p.get(b + j));
    }

    /** (1 − u) ⊙ h + u ⊙ h̃. */
    private static double[][] mix(double[][] u, double[][] h, double[][] candidate) {
        double[][] out = new double[h.length][h[0].length];
        for (int r = 0; r < h.length; r++) {
            for (int c = 0; c < h[0].length; c++) out[r][c] = (1 - u[r][c]) * h[r][c] + u[r][c] * candidate[r][c];
        }
        return out;
    }

    private static double[][] stack(List<double[][]> parts) {
        List<double[]> rows = new ArrayList<>();
        for (double[][] part : parts) rows.addAll(List.of(part));
        return rows.toArray(double[][]::new);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static double[][] mul(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < b.length; k++) {
                for (int c = 0; c < b[0].length; c++) out[r][c] += a[r][k] * b[k][c];
            }
        }
        return out;
    }

    /** a + b, a column b broadcast over a's columns. */
    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) out[r][c] = a[r][c] + b[r][b[0].length == 1 ? 0 : c];
        }
        return out;
    }

    private static double[][] mulElt(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) out[r][c] = a[r][c] * b[r][c];
        }
        return out;
    }

    private static double[][] map(double[][] a, DoubleUnaryOperator f) {
        double[][] out = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) out[r][c] = f.applyAsDouble(a[r][c]);
        }
        return out;
    }
}
