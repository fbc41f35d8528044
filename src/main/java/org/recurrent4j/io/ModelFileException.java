package org.recurrent4j.io;

import java.io.IOException;

/** A model file that cannot be used: not a model file, from a newer format, truncated, corrupt or inconsistent. */
public final class ModelFileException extends IOException {
    ModelFileException(String message) {
        super(message);
    }
}
