/**
 * Model files and checkpoints ({@link org.recurrent4j.io.ModelFile}, {@link org.recurrent4j.io.Checkpoint}: the
 * {@code .r4j} format of docs/file-format.md) and RecurrentJS's JSON ({@link org.recurrent4j.io.RecurrentJs},
 * docs/interchange.md). Every save is atomic, and every load checks the whole file before it builds anything.
 */
package org.recurrent4j.io;
