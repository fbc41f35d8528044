/**
 * The character-level language model and its data: the {@link org.recurrent4j.text.Vocabulary}, sentences and
 * continuous text read from UTF-8 files, the {@link org.recurrent4j.text.CharModel} (a trained embedding, a
 * recurrent model and its decoder), and the {@link org.recurrent4j.text.Sampler},
 * {@link org.recurrent4j.text.BeamSearch} and {@link org.recurrent4j.text.Evaluator} that use it. "The seed's demo" is RecurrentJS's character demo, which
 * this package re-creates (docs/math.md#character-model).
 */
package org.recurrent4j.text;
