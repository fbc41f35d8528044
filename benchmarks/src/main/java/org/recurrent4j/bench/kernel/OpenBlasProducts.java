package org.recurrent4j.bench.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * OpenBLAS's cblas_sgemm and cblas_sgemv. The operands are copied once, when the product is prepared (in the
 * benchmark's setup), into 64-byte-aligned off-heap buffers; the timed call touches only those, so no copying
 * is measured.
 */
final class OpenBlasProducts implements ProductBackend {
    private final Arena arena = Arena.ofAuto();

    OpenBlasProducts() {
        if (!OpenBlas.available()) throw new IllegalStateException(OpenBlas.absentReason());
    }

    @Override
    public Product gemm(GemmShape s, float[] a, float[] b, float[] c) {
        MemorySegment sa = offHeap(a), sb = offHeap(b), sc = offHeap(c);
        return new Product() {
            @Override
            public void run() {
                OpenBlas.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, sa, s.aCols(), sb, s.bCols(),
                        s.beta(), sc, s.n());
            }

            @Override
            public float[] output() {
                return sc.toArray(ValueLayout.JAVA_FLOAT);
            }
        };
    }

    @Override
    public Product gemv(GemvShape s, float[] a, float[] x, float[] y) {
        MemorySegment sa = offHeap(a), sx = offHeap(x), sy = offHeap(y);
        return new Product() {
            @Override
            public void run() {
                OpenBlas.sgemv(s.trans(), s.m(), s.n(), 1f, sa, s.n(), sx, 0f, sy);
            }

            @Override
            public float[] output() {
                return sy.toArray(ValueLayout.JAVA_FLOAT);
            }
        };
    }

    private MemorySegment offHeap(float[] values) {
        MemorySegment s = arena.allocate((long) values.length * Float.BYTES, 64);
        MemorySegment.copy(values, 0, s, ValueLayout.JAVA_FLOAT, 0, values.length);
        return s;
    }
}
