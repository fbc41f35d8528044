package org.recurrent4j.bench.graph;

import java.util.random.RandomGenerator;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.tensor.Mat;

/**
 * y = sigmoid(W·x + U·h + b) ⊙ tanh(V·x) with W, U, V: H×H, x, h: H×B and b: H×1 (broadcast over the batch),
 * computed and sent back through a graph from a fixed gradient of y.
 */
final class GatedExpression {
    private final Mat w, u, v, b, x, h;
    private final float[] dy;

    GatedExpression(int hidden, int batch, RandomGenerator rng) {
        w = Mat.uniform(hidden, hidden, 0.08f, rng);
        u = Mat.uniform(hidden, hidden, 0.08f, rng);
        v = Mat.uniform(hidden, hidden, 0.08f, rng);
        b = Mat.uniform(hidden, 1, 0.08f, rng);
        x = Mat.uniform(hidden, batch, 1f, rng);
        h = Mat.uniform(hidden, batch, 1f, rng);
        dy = Mat.uniform(hidden, batch, 1f, rng).w;
    }

    /** Resets the graph, runs the expression forward and backward, and returns y. */
    Mat forwardBackward(Graph graph) {
        graph.reset();
        Mat gate = graph.sigmoid(graph.add(graph.mul(w, x), graph.mul(u, h), b));
        Mat y = graph.eltmul(gate, graph.tanh(graph.mul(v, x)));
        System.arraycopy(dy, 0, y.dw, y.offset, dy.length);
        graph.backward();
        return y;
    }

    /** Every gradient accumulates (+=) call after call, as over a sequence; this starts them again from zero. */
    void zeroGradients() {
        for (Mat m : new Mat[] {w, u, v, b, x, h}) m.zeroGrad();
    }
}
