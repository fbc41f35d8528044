/** Benchmarks of whole training steps: the seed demo's configuration and char-rnn's, on the demo's texts. */
package org.recurrent4j.bench.training;
