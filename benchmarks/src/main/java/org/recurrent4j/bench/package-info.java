/**
 * The JMH suite's runner and shared pieces: the run profiles, the fork defaults every benchmark inherits, the
 * machine record written beside each result, and the throughput counters (flops, elements, characters).
 * The benchmarks themselves are in the sub-packages, one per layer of the engine; see benchmarks/README.md.
 */
package org.recurrent4j.bench;
