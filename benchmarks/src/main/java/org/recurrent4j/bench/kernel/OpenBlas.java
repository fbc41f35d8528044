package org.recurrent4j.bench.kernel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The OpenBLAS baseline, bound through {@code java.lang.foreign}: single-precision {@code cblas_sgemm} and
 * {@code cblas_sgemv} on row-major off-heap buffers, pinned to one thread. The library is
 * {@code libopenblas.so.0} (Debian's {@code libopenblas0-pthread}) unless the system property
 * {@value #LIBRARY_PROPERTY} names another file. OpenBLAS reads {@code OPENBLAS_CORETYPE} when it loads, so
 * the core it runs is fixed for the life of the JVM; {@link #coreName()} says which one it is.
 */
public final class OpenBlas {
    /** The system property that names the OpenBLAS shared library to load. */
    public static final String LIBRARY_PROPERTY = "recurrent4j.openblas";

    static final int ROW_MAJOR = 101;
    static final int NO_TRANS = 111;
    static final int TRANS = 112;

    // Static final handles fold into the caller, so a call costs what a C call costs.
    private static final MethodHandle SGEMM;
    private static final MethodHandle SGEMV;
    private static final String CORE_NAME;
    private static final String CONFIG;
    private static final String ABSENT_REASON;

    static {
        MethodHandle sgemm = null, sgemv = null;
        String core = null, config = null, absent = null;
        String library = System.getProperty(LIBRARY_PROPERTY, "libopenblas.so.0");
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
            // critical: no thread-state transition per call; these calls neither block nor call back into Java.
            Linker.Option critical = Linker.Option.critical(false);
            sgemm = linker.downcallHandle(lib.findOrThrow("cblas_sgemm"), FunctionDescriptor.ofVoid(
                    JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT,
                    ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT), critical);
            sgemv = linker.downcallHandle(lib.findOrThrow("cblas_sgemv"), FunctionDescriptor.ofVoid(
                    JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT,
                    ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT), critical);
            MethodHandle threads = linker.downcallHandle(lib.findOrThrow("openblas_set_num_threads"),
                    FunctionDescriptor.ofVoid(JAVA_INT));
            threads.invokeExact(1);
            core = cString(linker, lib, "openblas_get_corename");
            config = cString(linker, lib, "openblas_get_config");
        } catch (Throwable e) {
            absent = library + " is not usable here (" + e.getMessage() + ")";
            sgemm = null;
            sgemv = null;
        }
        SGEMM = sgemm;
        SGEMV = sgemv;
        CORE_NAME = core;
        CONFIG = config;
        ABSENT_REASON = absent;
    }

    private OpenBlas() {}

    /** True when the library loaded and its functions were found. */
    public static boolean available() {
        return ABSENT_REASON == null;
    }

    /** Why OpenBLAS cannot be used, or null when it can. */
    public static String absentReason() {
        return ABSENT_REASON;
    }

    /** The compute core OpenBLAS chose, e.g. {@code SkylakeX}; null when absent. */
    public static String coreName() {
        return CORE_NAME;
    }

    /** The build configuration, e.g. {@code OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY ...}; null when absent. */
    public static String config() {
        return CONFIG;
    }

    /** C = alpha·op(A)·op(B) + beta·C on row-major off-heap matrices, as {@code cblas_sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             MemorySegment a, int lda, MemorySegment b, int ldb,
                             float beta, MemorySegment c, int ldc) {
        requireAvailable();
        try {
            SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }

    /** y = alpha·op(A)·x + beta·y for the row-major m×n matrix A, as {@code cblas_sgemv} with unit strides. */
    public static void sgemv(boolean trans, int m, int n, float alpha, MemorySegment a, int lda,
                             MemorySegment x, float beta, MemorySegment y) {
        requireAvailable();
        try {
            SGEMV.invokeExact(ROW_MAJOR, trans ? TRANS : NO_TRANS, m, n, alpha, a, lda, x, 1, beta, y, 1);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemv failed", e);
        }
    }

    private static void requireAvailable() {
        if (ABSENT_REASON != null) throw new IllegalStateException(ABSENT_REASON);
    }

    private static String cString(Linker linker, SymbolLookup lib, String function) throws Throwable {
        MethodHandle h = linker.downcallHandle(lib.findOrThrow(function), FunctionDescriptor.of(ADDRESS));
        MemorySegment s = (MemorySegment) h.invokeExact();
        return s.equals(MemorySegment.NULL) ? null : s.reinterpret(Long.MAX_VALUE).getString(0).trim();
    }
}
