/** Benchmarks of one time step, forward and backward, of each of the six models. */
package org.recurrent4j.bench.model;
