package org.recurrent4j.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Chooses between the Vector API kernels and the scalar twins, once per JVM. The Vector API classes are loaded
 * by name, only after the incubator module is known to be present, so that a JVM without it never links them.
 */
final class KernelSelection {
    private KernelSelection() {}

    static final Kernels SCALAR = new Kernels("scalar", Float.SIZE, false, new ScalarMatMul(),
            new ScalarElementWise(), new ScalarActivations(), new ScalarSoftmax(), new ScalarUpdates(),
            new ScalarCells());

    private static final String VECTOR_UNAVAILABLE = computeVectorUnavailableReason();
    private static volatile Kernels vector;

    static final Kernels SELECTED = select();

    static String vectorUnavailableReason() {
        return VECTOR_UNAVAILABLE;
    }

    static Kernels vector() {
        if (VECTOR_UNAVAILABLE != null) {
            throw new IllegalStateException("The Vector API kernels cannot run here: " + VECTOR_UNAVAILABLE);
        }
        Kernels k = vector;
        if (k == null) {
            synchronized (KernelSelection.class) {
                k = vector;
                if (k == null) {
                    try {
                        k = (Kernels) Class.forName("org.recurrent4j.kernel.VectorBackend")
                                .getDeclaredMethod("create").invoke(null);
                    } catch (ReflectiveOperationException | LinkageError e) {
                        throw new IllegalStateException("The Vector API kernels failed to load: " + e, e);
                    }
                    vector = k;
                }
            }
        }
        return k;
    }

    private static Kernels select() {
        String wanted = System.getProperty(Kernels.IMPLEMENTATION_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        Kernels chosen;
        String why;
        switch (wanted) {
            case "scalar" -> {
                chosen = SCALAR;
                why = "forced by -D" + Kernels.IMPLEMENTATION_PROPERTY + "=scalar";
            }
            case "vector" -> {
                chosen = vector(); // fails loudly: the user asked for it
                why = "forced by -D" + Kernels.IMPLEMENTATION_PROPERTY + "=vector";
            }
            case "auto", "" -> {
                if (VECTOR_UNAVAILABLE == null) {
                    chosen = vector();
                    why = "jdk.incubator.vector present, C2 enabled";
                } else {
                    chosen = SCALAR;
                    why = VECTOR_UNAVAILABLE;
                }
            }
            default -> throw new IllegalArgumentException("-D" + Kernels.IMPLEMENTATION_PROPERTY + "=" + wanted
                    + " is not one of auto, vector, scalar");
        }
        System.getLogger("org.recurrent4j.kernel").log(System.Logger.Level.INFO,
                "recurrent4j kernels: " + chosen.describe() + " (" + why + ")");
        return chosen;
    }

    private static String computeVectorUnavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "jdk.incubator.vector is not in the boot layer (run java with --add-modules jdk.incubator.vector)";
        }
        String vmInfo = System.getProperty("java.vm.info", "");
        if (vmInfo.contains("interpreted mode")) {
            return "the JVM runs in interpreted mode (-Xint)";
        }
        String tierStop = vmOption("TieredStopAtLevel");
        String tiered = vmOption("TieredCompilation");
        if (tierStop != null && !"false".equals(tiered)) {
            try {
                if (Integer.parseInt(tierStop) < 4) {
                    return "the C2 compiler is off (-XX:TieredStopAtLevel=" + tierStop + ")";
                }
            } catch (NumberFormatException ignored) {
                // unknown format: assume C2
            }
        }
        return null;
    }

    /** Whether the CPU has fast fused multiply-add (HotSpot's UseFMA), so that products use it. */
    static boolean hasFastFma() {
        return "true".equals(vmOption("UseFMA"));
    }

    static String vmOption(String name) {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? null : bean.getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, or the option does not exist
        }
    }
}
