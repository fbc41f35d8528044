package org.recurrent4j.io;

import java.util.Map;
import org.recurrent4j.text.CharModel;

/**
 * A model read from a model file, with how it was trained (the training settings as text, e.g. {@code lr} →
 * {@code 0.01}) and the number of training steps it had when it was saved.
 */
public record SavedModel(CharModel model, Map<String, String> training, long step) {
    public SavedModel {
        training = Map.copyOf(training);
    }
}
