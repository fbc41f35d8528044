package org.recurrent4j.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Where a float array's elements fall relative to vector-size boundaries in memory. A vector load that straddles
 * two cache lines costs two, and the JVM places arrays at 8-byte boundaries only (large arrays at 16 bytes past
 * a region boundary), so at 512 bits nearly every load of a heap array straddles. Memory-paced kernels (gemv)
 * therefore start their vector loop at the first element aligned to the vector size, when it is known.
 *
 * <p>Java offers no address of a heap array, and its alignment may change when the collector moves it. The
 * address is read at the time of each call, from a zero-length {@code memset} through {@code java.lang.foreign}
 * (a critical call may take a heap array and returns the pointer it was given); a move afterwards costs speed,
 * never correctness, because the kernels that use it give the same result bit for bit at every start. Reading it
 * needs native access ({@code --enable-native-access=ALL-UNNAMED}); without it, or when the call cannot be made,
 * {@link #shift} is 0 and the kernels load from the array's start as before.
 */
final class HeapAlignment {
    private HeapAlignment() {}

    /** {@code void *memset(void *p, int c, size_t n)}, which returns p; with n = 0 it touches nothing. */
    private static final MethodHandle MEMSET = memset();

    private static MethodHandle memset() {
        if (!HeapAlignment.class.getModule().isNativeAccessEnabled()) return null;
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("memset").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_LONG),
                    Linker.Option.critical(true))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether addresses can be read here, so that {@link #shift} is more than 0 where it should be. */
    static boolean available() {
        return MEMSET != null;
    }

    /**
     * How many elements from {@code a[off]} to the first one on a boundary of {@code lanes} floats (0 to
     * lanes − 1), or 0 when the address cannot be read.
     */
    static int shift(float[] a, int off, int lanes) {
        if (MEMSET == null) return 0;
        long address;
        try {
            address = ((MemorySegment) MEMSET.invokeExact(MemorySegment.ofArray(a), 0, 0L)).address();
        } catch (Throwable e) {
            return 0;
        }
        int bytes = lanes * Float.BYTES;
        long past = (address + (long) off * Float.BYTES) & (bytes - 1);
        // Floats sit at 4-byte boundaries, so the distance to the next boundary is whole elements.
        return past == 0 ? 0 : (int) ((bytes - past) / Float.BYTES);
    }
}
