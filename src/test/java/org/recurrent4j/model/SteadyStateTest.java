package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * Training steps of every model reuse the graph's buffers and views: after the first sequence, further sequences
 * of the same shapes allocate nothing in the graph, and give the same loss and gradients.
 */
class SteadyStateTest {

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void repeatedSequencesAllocateNothingInTheGraph(ModelKind kind) {
        RecurrentModel m = Fixtures.model(kind, 3, 4, 0.5f, 51);
        List<Mat> xs = Fixtures.sequence(5, 3, 2, 52);
        int[][] targets = Fixtures.targets(5, 4, 2, 53);
        State start = Fixtures.randomState(m, 2, 54);
        Graph g = new Graph();
        double first = Fixtures.sequenceLoss(g, m, start, xs, targets);
        g.backward();
        int allocated = g.allocations();
        float[] gradient = firstParameterGradient(m);
        for (int run = 0; run < 3; run++) {
            Fixtures.parameterMats(m).forEach(Mat::zeroGrad);
            g.reset();
            assertEquals(first, Fixtures.sequenceLoss(g, m, start, xs, targets), 1e-6 * Math.abs(first), kind.id());
            g.backward();
            assertEquals(allocated, g.allocations(), kind.id() + ": no new buffers or views in steady state");
            float[] again = firstParameterGradient(m);
            for (int i = 0; i < gradient.length; i++) assertEquals(gradient[i], again[i], 1e-6f, kind.id());
        }
    }

    private static float[] firstParameterGradient(RecurrentModel m) {
        Mat p = m.parameters().getFirst().mat();
        float[] d = new float[p.size()];
        System.arraycopy(p.dw, p.offset, d, 0, d.length);
        return d;
    }
}
