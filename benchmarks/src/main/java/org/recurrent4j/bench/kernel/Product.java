package org.recurrent4j.bench.kernel;

/** One prepared matrix product (gemm or gemv) whose operands live where its implementation wants them. */
interface Product {
    /** Computes the product once, into the prepared output. */
    void run();

    /** A copy of the output (C or y) as it is now, for checking. */
    float[] output();
}
