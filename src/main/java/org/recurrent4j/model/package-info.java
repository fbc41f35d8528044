/**
 * The recurrent models: RNN, LSTM, GRU (classic and PyTorch's reset-after form) and the gated-feedback GF-RNN,
 * GF-GRU and GF-LSTM, stacked in any number of layers of any sizes, with a linear decoder. A model holds only its parameters and takes and returns its
 * {@link org.recurrent4j.model.State}, so one model serves many threads. Their equations and parameter names are
 * in docs/math.md#models.
 */
package org.recurrent4j.model;
