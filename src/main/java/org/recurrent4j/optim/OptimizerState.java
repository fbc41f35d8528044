package org.recurrent4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of an optimizer for checkpoints: its kind ({@code rmsprop}, {@code adam}, {@code sgd}), the number
 * of steps it has applied, and one buffer per parameter name (RMSProp: the cache; Adam: m followed by v).
 */
public record OptimizerState(String kind, long steps, Map<String, float[]> buffers) {
    public OptimizerState {
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }
}
