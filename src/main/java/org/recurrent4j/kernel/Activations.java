package org.recurrent4j.kernel;

/**
 * Element-wise activations and their backward forms. The backward forms take the forward output y, as the
 * seed does, and accumulate: dx += f'(y) ⊙ dy.
 */
public abstract class Activations {
    Activations() {}

    /** y = 1 / (1 + e^−x). y may alias x. */
    public final void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
        checkUnary("sigmoid", n, x, xOff, y, yOff);
        sigmoidUnchecked(n, x, xOff, y, yOff);
    }

    /** y = tanh(x). */
    public final void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        checkUnary("tanh", n, x, xOff, y, yOff);
        tanhUnchecked(n, x, xOff, y, yOff);
    }

    /** y = max(0, x). */
    public final void relu(int n, float[] x, int xOff, float[] y, int yOff) {
        checkUnary("relu", n, x, xOff, y, yOff);
        reluUnchecked(n, x, xOff, y, yOff);
    }

    /** dx += y ⊙ (1 − y) ⊙ dy. */
    public final void sigmoidBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkBackward("sigmoidBackward", n, y, yOff, dy, dyOff, dx, dxOff);
        sigmoidBackwardUnchecked(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    /** dx += (1 − y²) ⊙ dy. */
    public final void tanhBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkBackward("tanhBackward", n, y, yOff, dy, dyOff, dx, dxOff);
        tanhBackwardUnchecked(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    /** dx += (y > 0 ? dy : 0); at exactly 0 no gradient passes. */
    public final void reluBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        checkBackward("reluBackward", n, y, yOff, dy, dyOff, dx, dxOff);
        reluBackwardUnchecked(n, y, yOff, dy, dyOff, dx, dxOff);
    }

    private static void checkUnary(String op, int n, float[] x, int xOff, float[] y, int yOff) {
        Checks.nonNegative(op, "n", n);
        Checks.range(op, "x", x, xOff, n);
        Checks.range(op, "y", y, yOff, n);
    }

    private static void checkBackward(String op, int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        Checks.nonNegative(op, "n", n);
        Checks.range(op, "y", y, yOff, n);
        Checks.range(op, "dy", dy, dyOff, n);
        Checks.range(op, "dx", dx, dxOff, n);
    }

    abstract void sigmoidUnchecked(int n, float[] x, int xOff, float[] y, int yOff);
    abstract void tanhUnchecked(int n, float[] x, int xOff, float[] y, int yOff);
    abstract void reluUnchecked(int n, float[] x, int xOff, float[] y, int yOff);
    abstract void sigmoidBackwardUnchecked(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);
    abstract void tanhBackwardUnchecked(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);
    abstract void reluBackwardUnchecked(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);
}
