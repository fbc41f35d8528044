/**
 * The numerical kernels every layer above calls: matrix products, element-wise arithmetic, activations, softmax
 * and the fused optimizer updates, on {@code float[]} with offsets and leading dimensions. Each kernel has a
 * Vector API implementation and a plain-Java scalar twin; {@link org.recurrent4j.kernel.Kernels#get()} picks one
 * set per JVM. See docs/kernels.md.
 */
package org.recurrent4j.kernel;
