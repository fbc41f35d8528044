package org.recurrent4j.cli;

import java.nio.file.Path;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;

/**
 * What {@code train} runs, fresh or resumed: the trainer, the run's settings (which its checkpoints record), the
 * generator of the printed samples, the file to write, a description of the data, and the checkpoint it resumed
 * from (null for a fresh run).
 */
record TrainingSetup(Trainer trainer, RunSettings settings, SplitMix64 sampleRng, Path out, String source,
                     Path resumedFrom) {
    /** The checkpoint's name for the generator of the printed samples. */
    static final String SAMPLES = "samples";

    /** The step count to reach, 0 for none. */
    long maxSteps() {
        return settings.steps();
    }
}
