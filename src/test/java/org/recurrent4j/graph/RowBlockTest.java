package org.recurrent4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.tensor.Mat;

/** Row-block views of op outputs: no copy, gradients through the parent, reuse across sequences. */
class RowBlockTest {

    static Mat random(int rows, int cols, long seed) {
        return Mat.uniform(rows, cols, 1f, new SplittableRandom(seed));
    }

    @Test
    void aViewSharesTheRowsOfItsParent() {
        Mat m = Mat.of(3, 2, 1, 2, 3, 4, 5, 6);
        Graph g = new Graph();
        Mat parent = g.scale(m, 2);
        Mat view = g.rowBlock(parent, 1, 2);
        assertSame(parent.w, view.w);
        assertSame(parent.dw, view.dw);
        assertEquals(2, view.offset);
        assertEquals(2, view.rows);
        assertEquals(2, view.cols);
        assertEquals(6f, view.get(0, 0));
        assertEquals(12f, view.get(1, 1));
        assertEquals(1, g.size(), "a view is not an op: only the scale is on the tape");
    }

    @Test
    void gradientsOfTheBlocksReachTheParentsInputs() {
        Mat a = random(6, 3, 1);
        Mat x = random(3, 2, 2);
        GradientCheck.check(List.of(a, x), g -> {
            Mat product = g.mul(a, x);
            Mat top = g.sigmoid(g.rowBlock(product, 0, 4));
            Mat bottom = g.tanh(g.rowBlock(product, 4, 2));
            return GradientCheck.project(top, 3) + GradientCheck.project(bottom, 4)
                    + GradientCheck.project(g.rowBlock(top, 1, 2), 5);
        });
    }

    @Test
    void aViewOfAViewAndOfAParameter() {
        Mat fused = random(8, 2, 6);
        GradientCheck.check(List.of(fused), g -> {
            Mat block = g.rowBlock(fused, 2, 5);
            return GradientCheck.project(g.tanh(g.rowBlock(block, 1, 3)), 7);
        });
    }

    @Test
    void theSamePositionReusesItsViewAndAllocatesNothing() {
        Mat a = random(6, 3, 8);
        Mat x = random(3, 1, 9);
        Graph g = new Graph();
        Mat first = g.rowBlock(g.mul(a, x), 2, 3);
        int allocated = g.allocations();
        for (int run = 0; run < 3; run++) {
            g.reset();
            Mat again = g.rowBlock(g.mul(a, x), 2, 3);
            assertSame(first, again);
            assertEquals(allocated, g.allocations());
        }
        assertEquals(a.get(3, 0) * x.w[0] + a.get(3, 1) * x.w[1] + a.get(3, 2) * x.w[2], first.get(1, 0), 1e-6f);
    }

    @Test
    void aViewFollowsItsParentToANewBuffer() {
        Graph g = new Graph();
        Mat view = g.rowBlock(g.tanh(new Mat(4, 1)), 1, 2);
        g.reset();
        // The parent position changes shape, so it gets a new buffer; the view must show the new values.
        Mat parent = g.tanh(Mat.of(4, 2, 1, 2, 3, 4, 5, 6, 7, 8));
        Mat moved = g.rowBlock(parent, 1, 2);
        assertNotSame(view, moved);
        assertSame(parent.w, moved.w);
        assertEquals((float) Math.tanh(3), moved.get(0, 0), 1e-6f);
        g.reset();
        // Another block of the same parent at the same position is another view too.
        g.tanh(Mat.of(4, 2, 1, 2, 3, 4, 5, 6, 7, 8));
        Mat lower = g.rowBlock(parent, 2, 2);
        assertNotSame(moved, lower);
        assertEquals(4, lower.offset);
    }

    @Test
    void viewsWorkWithoutBackprop() {
        Graph g = new Graph(false);
        Mat view = g.rowBlock(g.scale(Mat.of(2, 1, 1, 2), 3), 1, 1);
        assertArrayEquals(new float[] {6}, new float[] {view.get(0, 0)});
    }

    @Test
    void rowsOutsideTheParentAreRejected() {
        Graph g = new Graph();
        Mat m = new Mat(4, 2);
        assertEquals("rowBlock: rows 3..4 outside 4x2",
                assertThrows(IllegalArgumentException.class, () -> g.rowBlock(m, 3, 2)).getMessage());
        assertEquals("rowBlock: rows -1..0 outside 4x2",
                assertThrows(IllegalArgumentException.class, () -> g.rowBlock(m, -1, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.rowBlock(m, 0, 0));
    }
}
