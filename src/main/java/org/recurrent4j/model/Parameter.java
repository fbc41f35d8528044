package org.recurrent4j.model;

import org.recurrent4j.tensor.Mat;

/** A named trainable matrix, e.g. {@code Wix0}. */
public record Parameter(String name, Mat mat) {
}
