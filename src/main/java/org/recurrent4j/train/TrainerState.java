package org.recurrent4j.train;

import java.util.List;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.text.CorpusStreams;

/**
 * Everything a {@link Trainer} holds besides its model's parameters and its data, so that a new trainer of the
 * same model, data and configuration continues exactly where this one stopped: the step count, the
 * configuration, a fingerprint of the data, the optimizer's state, the position in the data, the report interval
 * in progress, the elapsed time, every report made so far, and the state of the generator of the dropout masks
 * (null without dropout). See {@link Trainer#state()} and {@link Trainer#restore}. The arrays are this state's
 * own: do not change them.
 */
public record TrainerState(long step, TrainingConfig config, long dataFingerprint, OptimizerState optimizer,
                           Position position, Interval interval, double elapsedSeconds, List<Metrics> history,
                           SplitMix64.State dropoutGenerator) {
    public TrainerState {
        if (step < 0) throw new IllegalArgumentException("trainer state: negative step " + step);
        if (config == null || optimizer == null || position == null || interval == null || history == null) {
            throw new IllegalArgumentException("trainer state: config, optimizer, position, interval and history are required");
        }
        if ((dropoutGenerator != null) != (config.dropout() > 0)) {
            throw new IllegalArgumentException("trainer state: a dropout of " + config.dropout()
                    + (dropoutGenerator == null ? " needs" : " has no use for") + " the state of a mask generator");
        }
        history = List.copyOf(history);
    }

    /** The state of a trainer without dropout. */
    public TrainerState(long step, TrainingConfig config, long dataFingerprint, OptimizerState optimizer,
                        Position position, Interval interval, double elapsedSeconds, List<Metrics> history) {
        this(step, config, dataFingerprint, optimizer, position, interval, elapsedSeconds, history, null);
    }

    /** Where a trainer stands in its data: {@link Sentences} or {@link Corpus}. */
    public sealed interface Position permits Sentences, Corpus {}

    /** Sentence mode: the state of the generator that draws the sentences. */
    public record Sentences(SplitMix64.State generator) implements Position {
        public Sentences {
            if (generator == null) throw new IllegalArgumentException("sentence position: the generator state is required");
        }
    }

    /**
     * Corpus mode: the streams' cursor, the epoch the carried state belongs to, and the carried state itself:
     * per layer the hidden values (H_j × B, row-major) and, for the LSTM kinds, the cells.
     */
    public record Corpus(CorpusStreams.Cursor cursor, long chunkEpoch, List<float[]> hidden, List<float[]> cells)
            implements Position {
        public Corpus {
            if (cursor == null) throw new IllegalArgumentException("corpus position: the cursor is required");
            hidden = List.copyOf(hidden);
            cells = List.copyOf(cells);
        }
    }

    /**
     * The report interval in progress: the nats, predictions and nanoseconds of its steps so far, and the
     * perplexity of each of its sentences (sentence mode).
     */
    public record Interval(double nats, long predictions, long nanos, double[] perplexities) {
        public Interval {
            if (predictions < 0 || nanos < 0 || perplexities == null) {
                throw new IllegalArgumentException("interval: negative counts or no perplexities");
            }
        }
    }
}
