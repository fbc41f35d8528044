package org.recurrent4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Which kernels run. Surefire passes --add-modules jdk.incubator.vector, so there the Vector API kernels must be
 * available and selected, at the width the pom's executions force with -Drecurrent4j.vectorBits.
 */
class KernelSelectionTest {

    private static boolean vectorModuleInBootLayer() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void vectorKernelsAreAvailableWhenTheModuleIs() {
        assumeTrue(vectorModuleInBootLayer(), "run without --add-modules jdk.incubator.vector");
        assertNull(KernelSelection.vectorUnavailableReason(), "the Vector API kernels should run here");
        assertTrue(Kernels.vectorAvailable());
    }

    @Test
    void getSelectsTheVectorKernelsWhenAvailable() {
        String forced = System.getProperty(Kernels.IMPLEMENTATION_PROPERTY, "auto").trim();
        assumeTrue(forced.isEmpty() || forced.equalsIgnoreCase("auto"), "kernels forced to " + forced);
        Kernels k = Kernels.get();
        if (!Kernels.vectorAvailable()) {
            assertSame(Kernels.scalar(), k);
            return;
        }
        assertSame(Kernels.vector(), k);
        assertEquals("vector", k.implementation());
        assertInstanceOf(VectorElementWise.class, k.elementWise());
        assertInstanceOf(VectorActivations.class, k.activations());
        assertInstanceOf(VectorSoftmax.class, k.softmax());
        assertInstanceOf(VectorUpdates.class, k.updates());
    }

    /** The vector kernels stand on their own: none inherits (and so silently runs) its scalar twin's code. */
    @Test
    void vectorKernelsExtendTheirBaseDirectly() {
        assertEquals(ElementWise.class, VectorElementWise.class.getSuperclass());
        assertEquals(Activations.class, VectorActivations.class.getSuperclass());
        assertEquals(Softmax.class, VectorSoftmax.class.getSuperclass());
        assertEquals(Updates.class, VectorUpdates.class.getSuperclass());
    }

    @Test
    void vectorDescriptionWidthAndLanesAgree() {
        Kernels v = KernelTesting.vector();
        assertEquals(v.vectorBits(), v.floatLanes() * Float.SIZE);
        assertEquals(VectorShapes.FLOAT.length(), v.floatLanes());
        assertTrue(v.describe().startsWith("vector, " + v.vectorBits() + "-bit (" + v.floatLanes() + " float lanes)"),
                v.describe());
    }

    /** The pom's kernels-256-bit and kernels-128-bit executions set the property; the CPU must be that wide. */
    @Test
    void forcedWidthIsUsed() {
        String forced = System.getProperty(Kernels.VECTOR_BITS_PROPERTY);
        assumeTrue(forced != null && !forced.isBlank(), "no -D" + Kernels.VECTOR_BITS_PROPERTY);
        int bits = Integer.parseInt(forced.trim());
        Kernels v = KernelTesting.vector();
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals(Math.min(bits, preferred), v.vectorBits(), "forced " + bits + ", CPU prefers " + preferred);
    }

    @Test
    void scalarKernelsAreOneLaneWide() {
        Kernels s = Kernels.scalar();
        assertEquals("scalar", s.implementation());
        assertEquals(Float.SIZE, s.vectorBits());
        assertEquals(1, s.floatLanes());
        assertEquals("scalar", s.describe());
        assertInstanceOf(ScalarUpdates.class, s.updates());
    }
}
