package org.recurrent4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One round on the executors: each task takes its partition's position, trains the round on that partition's
 * worker and returns the result. The corpus part of each partition is its own broadcast, fetched by an executor
 * only when it builds that partition's worker.
 */
final class RoundTask implements FlatMapFunction<Iterator<PartitionPosition>, PartitionResult> {
    private final WorkerSpec spec;
    private final List<Broadcast<int[]>> slices;
    private final Broadcast<RoundInput> input;
    private final PartitionFault fault;

    RoundTask(WorkerSpec spec, List<Broadcast<int[]>> slices, Broadcast<RoundInput> input, PartitionFault fault) {
        this.spec = spec;
        this.slices = slices;
        this.input = input;
        this.fault = fault;
    }

    @Override
    public Iterator<PartitionResult> call(Iterator<PartitionPosition> positions) {
        List<PartitionResult> out = new ArrayList<>(1);
        RoundInput in = input.value();
        while (positions.hasNext()) {
            PartitionPosition position = positions.next();
            int p = position.index();
            try {
                fault.beforeRound(p, in.step());
                Worker w = Worker.take(spec, p, () -> slices.get(p).value());
                out.add(w.round(spec, in, position));
                Worker.keep(spec, w);
            } catch (RuntimeException e) {
                throw new PartitionFailedException(p, in.step(), in.steps(), e);
            }
        }
        return out.iterator();
    }
}
