package org.recurrent4j.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.recurrent4j.kernel.KernelThreads;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainerState;
import org.recurrent4j.train.TrainingDivergedException;

/**
 * One partition's trainer on an executor: a model, the partition's part of the corpus and the engine's
 * {@link Trainer} over it. Each round loads the broadcast parameters and optimizer state and the partition's
 * position into it, takes the round's steps with {@link Trainer#localSteps} and returns what changed. Everything
 * a round depends on comes from the driver, so a worker kept between rounds only saves building it again, and a
 * task retried on another executor gives the same result.
 */
final class Worker {
    /**
     * Workers kept between rounds, by run and partition. A worker is taken out while it trains, so that two
     * attempts of one task (speculation) never share one; keeping only the latest run's bounds the memory.
     */
    private static final Map<String, Worker> KEPT = new ConcurrentHashMap<>();

    private final int index;
    private final CharModel model;
    private final CorpusData data;
    private final Trainer trainer;
    private final TrainerState.Interval emptyInterval = new TrainerState.Interval(0, 0, 0, new double[0]);

    private Worker(WorkerSpec spec, int index, int[] slice) {
        this.index = index;
        // the weights drawn here are replaced by the broadcast ones before any step
        this.model = CharModel.create(spec.vocabulary(), ModelKind.of(spec.kind()), spec.hiddenSizes(), spec.embed(),
                Init.DEFAULT, new SplitMix64(0));
        this.data = CorpusData.of(model.vocabulary(), slice, new int[0], "partition " + index);
        this.trainer = Trainer.corpus(model, data, Optimizer.named(spec.optimizer()), spec.config());
    }

    /** The kept worker of this run and partition, or a new one over {@code slice}. */
    static Worker take(WorkerSpec spec, int index, Supplier<int[]> slice) {
        Worker w = KEPT.remove(key(spec, index));
        return w != null ? w : new Worker(spec, index, slice.get());
    }

    /** Keeps {@code w} for the next round of its run, dropping the workers of other runs. */
    static void keep(WorkerSpec spec, Worker w) {
        KEPT.keySet().removeIf(k -> !k.startsWith(spec.runId() + "/"));
        KEPT.put(key(spec, w.index), w);
    }

    private static String key(WorkerSpec spec, int index) {
        return spec.runId() + "/" + index;
    }

    /** Trains the round {@code in} from {@code position}, the driver's averaged state. */
    PartitionResult round(WorkerSpec spec, RoundInput in, PartitionPosition position) {
        if (spec.threads() > 0 && KernelThreads.get() != spec.threads()) KernelThreads.set(spec.threads());
        List<Parameter> params = model.parameters();
        int parameters = FlatState.parameterCount(params);
        FlatState.loadParameters(in.flat(), params);
        OptimizerState optimizer = new OptimizerState(spec.optimizer(), in.optimizerSteps(),
                FlatState.buffers(in.flat(), parameters, in.bufferNames(), in.bufferLengths()));
        trainer.restore(new TrainerState(in.step(), spec.config(), data.fingerprint(), optimizer, position.toState(),
                emptyInterval, 0, List.of()));
        double[] nats;
        try {
            nats = trainer.localSteps(in.steps());
        } catch (TrainingDivergedException e) {
            return PartitionResult.diverged(index, e.step(), e.getMessage());
        }
        TrainerState after = trainer.state();
        String[] names = after.optimizer().buffers().keySet().toArray(String[]::new);
        float[] flat = FlatState.flatten(params, after.optimizer(), names);
        return PartitionResult.trained(index, flat, names, FlatState.lengths(after.optimizer(), names),
                after.optimizer().steps(), PartitionPosition.of(index, (TrainerState.Corpus) after.position()), nats);
    }
}
