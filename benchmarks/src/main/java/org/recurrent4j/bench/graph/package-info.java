/** Benchmarks of the expression graph: forward and backward of a small gated expression, steady state. */
package org.recurrent4j.bench.graph;
