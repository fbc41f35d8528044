package org.recurrent4j.spark;

import org.recurrent4j.train.SettingException;
import org.recurrent4j.train.TrainingConfig;

/**
 * How a run is spread over a cluster: the number of partitions P, each training {@code batch / P} of the run's
 * streams, and K, the number of steps each partition takes between two averagings. A refused value is a
 * {@link SettingException} naming the option ({@code --partitions}, {@code --average-every}).
 */
public record Distribution(int partitions, int averageEvery) {
    public Distribution {
        if (partitions < 1) throw new SettingException("--partitions", "must be at least 1", Integer.toString(partitions));
        if (averageEvery < 1) {
            throw new SettingException("--average-every", "must be at least 1", Integer.toString(averageEvery));
        }
    }

    /** Refuses a partition count that does not divide the run's streams ({@code --batch}). */
    public void check(TrainingConfig config) {
        if (config.batch() % partitions != 0) {
            throw new SettingException("--partitions", "must divide --batch " + config.batch()
                    + " (each partition trains --batch / --partitions of the streams)", Integer.toString(partitions));
        }
    }

    /** The streams each partition trains. */
    public int streamsPerPartition(TrainingConfig config) {
        return config.batch() / partitions;
    }
}
