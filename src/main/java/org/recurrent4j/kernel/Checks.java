package org.recurrent4j.kernel;

/** Argument checks shared by every kernel entry point; they run once per call, never in loops. */
final class Checks {
    private Checks() {}

    static void nonNegative(String op, String name, int v) {
        if (v < 0) throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + v);
    }

    /** Checks that {@code len} elements from {@code off} fit in {@code array}. */
    static void range(String op, String name, float[] array, int off, long len) {
        if (array == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (off < 0 || len < 0 || off + len > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + len + " elements from offset " + off
                    + " but has length " + array.length);
        }
    }

    static void range(String op, String name, int[] array, int off, long len) {
        if (array == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (off < 0 || len < 0 || off + len > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + len + " elements from offset " + off
                    + " but has length " + array.length);
        }
    }

    /**
     * Checks a row-major rows×cols matrix stored with leading dimension ld (ld ≥ cols) starting at off.
     * An empty matrix needs no storage.
     */
    static void matrix(String op, String name, float[] array, int off, int rows, int cols, int ld) {
        nonNegative(op, name + " rows", rows);
        nonNegative(op, name + " cols", cols);
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": " + name + " is " + rows + "x" + cols
                    + " but its leading dimension is " + ld);
        }
        long need = (rows == 0 || cols == 0) ? 0 : (long) (rows - 1) * ld + cols;
        if (array == null) throw new IllegalArgumentException(op + ": " + name + " is null");
        if (off < 0 || off + need > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " " + rows + "x" + cols + " (ld " + ld
                    + ") from offset " + off + " does not fit in an array of length " + array.length);
        }
    }
}
