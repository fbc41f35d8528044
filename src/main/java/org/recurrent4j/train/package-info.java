/**
 * The training loop of a character model: {@link org.recurrent4j.train.Trainer} and its settings
 * ({@link org.recurrent4j.train.TrainingConfig}), its resumable state ({@link org.recurrent4j.train.TrainerState}),
 * the metrics it reports, and the two ways it reads data: random sentences from the zero state (the seed's demo)
 * or parallel streams of a continuous text with truncated backpropagation (char-rnn's scheme).
 */
package org.recurrent4j.train;
