package org.recurrent4j.spark;

/**
 * A partition failed during a round for another reason than divergence (which a partition reports as its
 * result): it names the partition and the round's steps, and carries the cause. Spark retries such a task on
 * a cluster from the same broadcast state; when the job fails, the driver throws one of these with the cause's
 * message and leaves its state as it was before the round.
 */
public final class PartitionFailedException extends RuntimeException {
    private final int partition;

    PartitionFailedException(int partition, long step, int steps, Throwable cause) {
        super("partition " + partition + " failed in steps " + (step + 1) + " to " + (step + steps) + ": "
                + describe(cause), cause);
        this.partition = partition;
    }

    /** As thrown on the driver: the job of a round failed with {@code cause}. */
    PartitionFailedException(String message, Throwable cause) {
        super(message, cause);
        this.partition = -1;
    }

    /** The partition that failed, or −1 when Spark does not say (an executor lost, the job cancelled). */
    public int partition() {
        return partition;
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m.strip().lines().findFirst().orElse(m);
    }
}
