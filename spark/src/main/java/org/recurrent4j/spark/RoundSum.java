package org.recurrent4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.Function2;

/**
 * The partitions' results of a round as {@code treeAggregate} folds them: the element-wise sum of their flat
 * arrays, how many were added, and each partition's result without its array (position and losses). The first
 * array is taken as it is rather than added to zeros, so that one partition's sum is its array bit for bit
 * (0 + −0 would be +0). With two partitions the sum is a + b whatever the order; from three on, Spark combines
 * partial sums in the order tasks finish, so runs agree to float rounding.
 */
final class RoundSum implements Serializable {
    float[] total;
    int count;
    final List<PartitionResult> parts = new ArrayList<>();
    /** The diverged partition of the lowest index, if any. */
    PartitionResult failure;

    RoundSum add(PartitionResult r) {
        if (r.failed()) {
            if (failure == null || r.index < failure.index) failure = r;
            return this;
        }
        addArray(r.flat);
        r.flat = null;
        count++;
        parts.add(r);
        return this;
    }

    RoundSum merge(RoundSum other) {
        if (other.total != null) addArray(other.total);
        count += other.count;
        parts.addAll(other.parts);
        if (other.failure != null && (failure == null || other.failure.index < failure.index)) failure = other.failure;
        return this;
    }

    private void addArray(float[] a) {
        if (total == null) {
            total = a;
            return;
        }
        if (a.length != total.length) {
            throw new IllegalStateException("partitions returned states of " + total.length + " and " + a.length + " values");
        }
        for (int i = 0; i < a.length; i++) total[i] += a[i];
    }

    /** The results in partition order. */
    PartitionResult[] sorted() {
        PartitionResult[] out = parts.toArray(PartitionResult[]::new);
        Arrays.sort(out, (a, b) -> Integer.compare(a.index, b.index));
        return out;
    }

    /** {@code treeAggregate}'s seqOp. */
    static final class Add implements Function2<RoundSum, PartitionResult, RoundSum> {
        @Override
        public RoundSum call(RoundSum sum, PartitionResult r) {
            return sum.add(r);
        }
    }

    /** {@code treeAggregate}'s combOp. */
    static final class Merge implements Function2<RoundSum, RoundSum, RoundSum> {
        @Override
        public RoundSum call(RoundSum a, RoundSum b) {
            return a.merge(b);
        }
    }
}
