/**
 * The training loop of a character model: {@link org.recurrent4j.train.Trainer} and its step settings
 * ({@link org.recurrent4j.train.TrainingConfig}), a run's whole settings ({@link org.recurrent4j.train.RunSettings},
 * validated once) and its data ({@link org.recurrent4j.train.TrainingData}, whose kind decides the mode), its
 * resumable state ({@link org.recurrent4j.train.TrainerState}),
 * the metrics it reports, and the two ways it reads data: random sentences from the zero state (the seed's demo)
 * or parallel streams of a continuous text with truncated backpropagation (char-rnn's scheme).
 */
package org.recurrent4j.train;
