package org.recurrent4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;

/** RMSProp, Adam and SGD against values worked out by hand, the non-finite guard, and state round trips. */
class OptimizerTest {

    private static Parameter param(String name, float[] w, float[] dw) {
        Mat m = Mat.of(1, w.length, w);
        System.arraycopy(dw, 0, m.dw, 0, dw.length);
        return new Parameter(name, m);
    }

    @Test
    void rmsPropFirstStepByHandWithAClippedElementAndWeightDecay() {
        Parameter p = param("W", new float[] {1, -2, 0.5f, 3}, new float[] {0.1f, -10, 0, 2});
        RmsProp rms = new RmsProp();
        StepResult r = rms.step(List.of(p), 0.01f, 1e-3f, 5f);
        assertFalse(r.nonFinite());
        assertEquals(0.25, r.clippedFraction(), "one of four gradients exceeds the clip");
        // cache = (1 − 0.999f)·g² with the unclipped g, where 1 − 0.999f is 0.00099998713 in float;
        // then w − lr·clamp(g)/sqrt(cache + 1e-8) − regc·w, worked out in float.
        assertArrayEquals(new float[] {0.6829282f, -1.8398851f, 0.4995f, 2.6807706f}, p.mat().w, 1e-6f);
        assertArrayEquals(new float[4], p.mat().dw, "gradients are reset");
        assertArrayEquals(new float[] {9.9998715e-6f, 0.09999871f, 0, 0.0039999485f}, rms.state().buffers().get("W"),
                1e-9f);
        assertEquals(1, rms.state().steps());
    }

    @Test
    void rmsPropCacheDecaysOverSteps() {
        Parameter p = param("b", new float[] {0.5f}, new float[] {2});
        RmsProp rms = new RmsProp();
        rms.step(List.of(p), 0.1f, 0, 5);
        p.mat().dw[0] = -1;
        rms.step(List.of(p), 0.1f, 0, 5);
        // In float: cache₁ = 0.0039999485, w₁ = −2.6622944; cache₂ = 0.999·cache₁ + 0.00099998713·1.
        assertEquals(0.0049959356f, rms.state().buffers().get("b")[0], 1e-9f);
        assertEquals(-1.2475071f, p.mat().w[0], 1e-6f);
    }

    @Test
    void adamTwoStepsByHand() {
        Parameter p = param("W", new float[] {1, -0.5f}, new float[] {0.5f, 8});
        Adam adam = new Adam();
        assertEquals(0.5, adam.step(List.of(p), 0.1f, 0.01f, 5f).clippedFraction());
        // m̂ = g and v̂ = g² after one step, so w − lr·sign(g) − regc·w (the second gradient is clipped to 5).
        assertArrayEquals(new float[] {0.89f, -0.595f}, p.mat().w, 1e-6f);
        p.mat().dw[0] = -0.2f;
        p.mat().dw[1] = -1;
        assertEquals(0.0, adam.step(List.of(p), 0.1f, 0.01f, 5f).clippedFraction());
        assertArrayEquals(new float[] {0.8465394f, -0.6401526f}, p.mat().w, 2e-6f);
        float[] moments = adam.state().buffers().get("W"); // m, then v
        assertArrayEquals(new float[] {0.025f, 0.35f}, java.util.Arrays.copyOfRange(moments, 0, 2), 1e-6f);
        assertArrayEquals(new float[] {0.00028974627f, 0.025974667f}, java.util.Arrays.copyOfRange(moments, 2, 4),
                1e-9f);
        assertEquals(2, adam.state().steps());
        assertArrayEquals(new float[2], p.mat().dw);
    }

    @Test
    void sgdByHand() {
        Parameter p = param("W", new float[] {1, 2}, new float[] {-7, 0.5f});
        StepResult r = new Sgd().step(List.of(p), 0.1f, 0.01f, 5f);
        assertArrayEquals(new float[] {1 + 0.5f - 0.01f, 2 - 0.05f - 0.02f}, p.mat().w, 1e-6f);
        assertEquals(0.5, r.clippedFraction());
        assertArrayEquals(new float[2], p.mat().dw);
    }

    @Test
    void theClippedFractionCountsOverAllParametersAndViews() {
        Mat fused = new Mat(4, 2);
        Parameter top = new Parameter("top", fused.rowBlock(0, 1));
        Parameter rest = new Parameter("rest", fused.rowBlock(1, 3));
        java.util.Arrays.fill(fused.dw, 1f);
        fused.dw[0] = 9;
        fused.dw[7] = -9;
        StepResult r = new RmsProp().step(List.of(top, rest), 0.01f, 0, 5f);
        assertEquals(2.0 / 8, r.clippedFraction());
        assertArrayEquals(new float[8], fused.dw);
    }

    @Test
    void aNonFiniteGradientChangesNothingAndIsReported() {
        for (Supplier<GuardedOptimizer> make : List.<Supplier<GuardedOptimizer>>of(RmsProp::new, Adam::new, Sgd::new)) {
            GuardedOptimizer opt = make.get();
            Parameter a = param("a", new float[] {1, 2}, new float[] {0.1f, 0.2f});
            Parameter b = param("b", new float[] {3}, new float[] {0.3f});
            Parameter c = param("c", new float[] {4}, new float[] {0.4f});
            opt.step(List.of(a, b, c), 0.01f, 1e-3f, 5);
            a.mat().dw[1] = 1;
            b.mat().dw[0] = Float.NaN;
            c.mat().dw[0] = Float.POSITIVE_INFINITY;
            float[] wa = a.mat().w.clone();
            float wb = b.mat().w[0];
            OptimizerState before = opt.state();

            StepResult r = opt.step(List.of(a, b, c), 0.01f, 1e-3f, 5);

            assertTrue(r.nonFinite(), opt.kind());
            assertEquals("b", r.nonFiniteParameter());
            assertArrayEquals(wa, a.mat().w);
            assertArrayEquals(new float[] {0.f, 1}, a.mat().dw, "gradients are not reset either");
            assertTrue(Float.isNaN(b.mat().dw[0]));
            assertEquals(wb, b.mat().w[0]);
            assertStateEquals(before, opt.state());

            b.mat().dw[0] = 0;
            c.mat().dw[0] = 0;
            StepResult ok = opt.step(List.of(a, b, c), 0.01f, 1e-3f, 5);
            assertFalse(ok.nonFinite());
            assertNull(ok.nonFiniteParameter());
            assertEquals(2, opt.steps());
        }
    }

    @Test
    void restoredStateContinuesIdentically() {
        Parameter p1 = param("W", new float[] {1, -1, 0.5f}, new float[] {0.3f, -0.2f, 6});
        Parameter p2 = param("W", new float[] {1, -1, 0.5f}, new float[] {0.3f, -0.2f, 6});
        Adam first = new Adam();
        first.step(List.of(p1), 0.05f, 1e-4f, 5);
        Adam second = new Adam();
        second.restore(first.state());
        System.arraycopy(p1.mat().w, 0, p2.mat().w, 0, 3);
        p2.mat().zeroGrad();
        for (Parameter p : List.of(p1, p2)) p.mat().dw[1] = 0.7f;
        first.step(List.of(p1), 0.05f, 1e-4f, 5);
        second.step(List.of(p2), 0.05f, 1e-4f, 5);
        assertArrayEquals(p1.mat().w, p2.mat().w);
        assertStateEquals(first.state(), second.state());
        assertThrows(IllegalArgumentException.class, () -> new RmsProp().restore(first.state()));
    }

    @Test
    void badArgumentsAreRejected() {
        Parameter p = param("W", new float[] {1}, new float[] {1});
        RmsProp rms = new RmsProp();
        assertThrows(IllegalArgumentException.class, () -> rms.step(List.of(p), Float.NaN, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> rms.step(List.of(p), 0.01f, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> rms.step(List.of(p), 0.01f, 0, 0));
        rms.step(List.of(p), 0.01f, 0, 5);
        Parameter resized = param("W", new float[] {1, 2}, new float[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rms.step(List.of(resized), 0.01f, 0, 5));
        assertTrue(e.getMessage().contains("W (1x2)"), e.getMessage());
    }

    private static void assertStateEquals(OptimizerState expected, OptimizerState actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.steps(), actual.steps());
        assertEquals(expected.buffers().keySet(), actual.buffers().keySet());
        for (Map.Entry<String, float[]> e : expected.buffers().entrySet()) {
            assertArrayEquals(e.getValue(), actual.buffers().get(e.getKey()), e.getKey());
        }
    }
}
