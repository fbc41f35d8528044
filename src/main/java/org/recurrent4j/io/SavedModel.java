package org.recurrent4j.io;

import java.util.Map;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.text.CharModel;

/**
 * A model read from a model file, with how it was trained (the training settings as text, e.g. {@code lr} →
 * {@code 0.01}), the number of training steps it had when it was saved, and its optimizer's state if the file
 * holds one (a checkpoint written by {@code train}, or a RecurrentJS import with a solver), else null.
 */
public record SavedModel(CharModel model, Map<String, String> training, long step, OptimizerState optimizer) {
    public SavedModel {
        training = Map.copyOf(training);
    }

    /** A model without optimizer state. */
    public SavedModel(CharModel model, Map<String, String> training, long step) {
        this(model, training, step, null);
    }
}
