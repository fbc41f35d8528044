/**
 * Model files and checkpoints ({@link org.recurrent4j.io.ModelFile}, {@link org.recurrent4j.io.Checkpoint}: the
 * {@code .r4j} format of docs/file-format.md), RecurrentJS's JSON ({@link org.recurrent4j.io.RecurrentJs}) and
 * PyTorch's safetensors ({@link org.recurrent4j.io.Safetensors}), both in docs/interchange.md. Every save is atomic,
 * and every load checks the whole file before it builds anything.
 */
package org.recurrent4j.io;
