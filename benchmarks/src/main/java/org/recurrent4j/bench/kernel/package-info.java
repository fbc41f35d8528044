/**
 * Benchmarks of the kernels against their scalar twins, EJML and OpenBLAS (through {@code java.lang.foreign}),
 * and of the roofs one core reaches from the JVM. Every product is checked against a double-precision reference
 * before it is timed.
 */
package org.recurrent4j.bench.kernel;
