package org.recurrent4j.cli;

import java.nio.file.Path;
import java.util.Map;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;

/**
 * What {@code train} runs, fresh or resumed: the trainer, the settings its checkpoints record, the generator of
 * the printed samples, the step count to reach (0: none), the file to write, a description of the data, and the
 * checkpoint it resumed from (null for a fresh run).
 */
record TrainingSetup(Trainer trainer, Map<String, String> settings, SplitMix64 sampleRng, long maxSteps, Path out,
                     String source, Path resumedFrom) {
    /** The setting that records the step count a run was given, the default target of a resume. */
    static final String STEPS = "steps";
    /** The checkpoint's name for the generator of the printed samples. */
    static final String SAMPLES = "samples";
}
