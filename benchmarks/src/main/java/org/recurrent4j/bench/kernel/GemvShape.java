package org.recurrent4j.bench.kernel;

/**
 * One single-precision product y = op(A)·x with alpha = 1 and beta = 0, for the dense row-major m×n matrix A:
 * x has n elements and y has m, or the other way round when trans.
 */
record GemvShape(boolean trans, int m, int n) {

    int xLength() {
        return trans ? m : n;
    }

    int yLength() {
        return trans ? n : m;
    }

    long flops() {
        return 2L * m * n;
    }

    /** Parses the benchmark parameter form {@code 2048x1024} (rows x columns of A). */
    static GemvShape parse(String rowsByCols, boolean trans) {
        String[] parts = rowsByCols.split("x");
        if (parts.length != 2) throw new IllegalArgumentException("gemv shape is not ROWSxCOLS: " + rowsByCols);
        return new GemvShape(trans, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    @Override
    public String toString() {
        return "gemv" + (trans ? 'T' : 'N') + " " + m + "x" + n;
    }
}
