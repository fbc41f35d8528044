package org.recurrent4j.spark;

import java.io.Serializable;

/** Called by each partition before it trains a round; tests make a partition fail through it. */
@FunctionalInterface
interface PartitionFault extends Serializable {
    PartitionFault NONE = (partition, step) -> {};

    /** Before partition {@code partition} trains the steps after {@code step}. */
    void beforeRound(int partition, long step);
}
