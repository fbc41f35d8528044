/**
 * Optimizers that update parameters from their accumulated gradients and reset the gradients: RMSProp (the solver
 * of RecurrentJS, the library recurrent4j re-creates), Adam and SGD, each with element-wise clipping and L2 weight
 * decay, and a guard that skips a step whose gradients are not finite. Their update rules are in
 * docs/math.md#optimizers.
 */
package org.recurrent4j.optim;
