package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * A batch of B columns computes what B single-column runs compute: the same outputs (1e-5 absolute) and, summed
 * over the columns, the same parameter gradients (1e-5 + 1e-4 relative); and one model serves several threads
 * at once with identical results.
 */
class BatchEquivalenceTest {
    private static final int STEPS = 4, BATCH = 3, INPUT = 4, OUTPUT = 3;

    private static Mat column(Mat m, int col) {
        Mat out = new Mat(m.rows, 1);
        for (int r = 0; r < m.rows; r++) out.set(r, 0, m.get(r, col));
        return out;
    }

    /** Runs the sequence, backpropagates Σ softmaxCrossEntropy, and returns the outputs of every step. */
    private static List<Mat> run(RecurrentModel m, List<Mat> xs, int[][] targets) {
        Graph g = new Graph();
        State s = m.initialState(xs.getFirst().cols);
        List<Mat> outputs = new ArrayList<>();
        for (int t = 0; t < xs.size(); t++) {
            s = m.forward(g, xs.get(t), s);
            g.softmaxCrossEntropy(s.output(), targets[t]);
            outputs.add(s.output());
        }
        g.backward();
        return outputs;
    }

    private static List<float[]> gradients(RecurrentModel m) {
        List<float[]> grads = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            float[] d = new float[p.mat().size()];
            System.arraycopy(p.mat().dw, p.mat().offset, d, 0, d.length);
            grads.add(d);
            p.mat().zeroGrad();
        }
        return grads;
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void batchEqualsSeparateColumns(ModelKind kind) {
        RecurrentModel m = Fixtures.model(kind, INPUT, OUTPUT, 0.5f, 31);
        List<Mat> xs = Fixtures.sequence(STEPS, INPUT, BATCH, 32);
        int[][] targets = Fixtures.targets(STEPS, OUTPUT, BATCH, 33);
        Fixtures.parameterMats(m).forEach(Mat::zeroGrad);
        List<Mat> batched = run(m, xs, targets);
        List<float[]> batchGrads = gradients(m);

        for (int b = 0; b < BATCH; b++) {
            int col = b;
            List<Mat> single = run(m, xs.stream().map(x -> column(x, col)).toList(),
                    java.util.Arrays.stream(targets).map(row -> new int[] {row[col]}).toArray(int[][]::new));
            for (int t = 0; t < STEPS; t++) {
                for (int r = 0; r < OUTPUT; r++) {
                    assertEquals(batched.get(t).get(r, b), single.get(t).get(r, 0), 1e-5,
                            kind + " output step " + t + " column " + b);
                }
            }
        }
        List<float[]> summed = gradients(m);
        for (int p = 0; p < summed.size(); p++) {
            for (int i = 0; i < summed.get(p).length; i++) {
                float expected = summed.get(p)[i];
                assertEquals(expected, batchGrads.get(p)[i], 1e-5 + 1e-4 * Math.abs(expected),
                        kind + " d" + m.parameters().get(p).name() + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void oneModelServesManyThreads(ModelKind kind) throws Exception {
        RecurrentModel m = Fixtures.model(kind, INPUT, OUTPUT, 0.5f, 41);
        List<List<Mat>> sequences = new ArrayList<>();
        for (int k = 0; k < 8; k++) sequences.add(Fixtures.sequence(30, INPUT, 2, 100 + k));
        List<float[]> expected = sequences.stream().map(xs -> infer(m, xs)).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (List<Mat> xs : sequences) results.add(pool.submit(() -> infer(m, xs)));
            }
            for (int k = 0; k < results.size(); k++) {
                float[] want = expected.get(k % sequences.size()), got = results.get(k).get();
                for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], kind + " thread result");
            }
        }
    }

    /** The last output of an inference run, copied out of the graph. */
    private static float[] infer(RecurrentModel m, List<Mat> xs) {
        Graph g = new Graph(false);
        State s = m.initialState(xs.getFirst().cols);
        for (Mat x : xs) s = m.forward(g, x, s);
        Mat y = s.output();
        float[] out = new float[y.size()];
        System.arraycopy(y.w, y.offset, out, 0, out.length);
        return out;
    }
}
