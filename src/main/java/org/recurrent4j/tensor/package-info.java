/**
 * {@link org.recurrent4j.tensor.Mat}, the matrix of values and gradients (row-major, columns = batch) that every
 * layer passes around, and {@link org.recurrent4j.tensor.Probabilities}: softmax with a temperature, sampling and
 * argmax (docs/math.md#softmax).
 */
package org.recurrent4j.tensor;
