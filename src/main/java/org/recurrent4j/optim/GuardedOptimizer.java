package org.recurrent4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent4j.kernel.Kernels;
import org.recurrent4j.kernel.Updates;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;

/**
 * What every optimizer shares: argument checks, the all-finite guard that runs before anything changes, the
 * step counter, the clipped count, and per-parameter state buffers keyed by name.
 */
abstract class GuardedOptimizer implements Optimizer {
    final Kernels kernels = Kernels.get();
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private long steps;

    /** The kind, as {@link OptimizerState#kind()} names it. */
    abstract String kind();

    /** The number of state values kept per parameter value: 1 for RMSProp's cache, 2 for Adam's m and v. */
    abstract int stateWidth();

    /** Updates one parameter for step number {@code t} (from 1); returns how many elements were clipped. */
    abstract int update(Parameter p, Updates updates, float lr, float regc, float clip, long t);

    @Override
    public final StepResult step(List<Parameter> params, float learningRate, float regc, float clip) {
        check("learning rate", Hyperparameters.learningRateProblem(learningRate), learningRate);
        check("regc", Hyperparameters.regcProblem(regc), regc);
        check("clip", Hyperparameters.clipProblem(clip), clip);
        for (Parameter p : params) {
            Mat m = p.mat();
            if (!kernels.elementWise().allFinite(m.size(), m.dw, m.offset)) return StepResult.skipped(p.name());
        }
        steps++;
        long clipped = 0;
        long total = 0;
        for (Parameter p : params) {
            clipped += update(p, kernels.updates(), learningRate, regc, clip, steps);
            total += p.mat().size();
        }
        return StepResult.applied(total == 0 ? 0 : (double) clipped / total);
    }

    private void check(String setting, String problem, float value) {
        if (problem != null) throw new IllegalArgumentException(kind() + ": " + setting + " " + problem + ", got " + value);
    }

    /** The state buffer of {@code p}, {@code length} floats, created as zeros on first use. */
    final float[] buffer(Parameter p, int length) {
        float[] b = buffers.get(p.name());
        if (b == null) {
            b = new float[length];
            buffers.put(p.name(), b);
        } else if (b.length != length) {
            throw new IllegalArgumentException(kind() + ": parameter " + p.name() + " (" + p.mat().shape()
                    + ") needs a state of " + length + " values but has one of " + b.length);
        }
        return b;
    }

    /** The number of steps applied so far (skipped ones do not count). */
    public final long steps() {
        return steps;
    }

    @Override
    public final OptimizerState state() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((name, b) -> copy.put(name, b.clone()));
        return new OptimizerState(kind(), steps, copy);
    }

    @Override
    public final void restore(OptimizerState state, List<Parameter> params) {
        if (!state.kind().equals(kind())) {
            throw new IllegalArgumentException(kind() + ": cannot restore the state of a " + state.kind() + " optimizer");
        }
        Map<String, Mat> byName = new LinkedHashMap<>();
        for (Parameter p : params) byName.put(p.name(), p.mat());
        for (Map.Entry<String, float[]> e : state.buffers().entrySet()) {
            Mat m = byName.get(e.getKey());
            if (m == null) {
                throw new IllegalArgumentException(kind() + ": the state has a buffer for " + e.getKey()
                        + ", which is not a parameter");
            }
            long expected = (long) stateWidth() * m.size();
            if (e.getValue().length != expected) {
                throw new IllegalArgumentException(kind() + ": the state of " + e.getKey() + " (" + m.shape() + ") holds "
                        + e.getValue().length + " values, it needs " + expected);
            }
        }
        restore(state);
    }

    @Override
    public final void restore(OptimizerState state) {
        if (!state.kind().equals(kind())) {
            throw new IllegalArgumentException(kind() + ": cannot restore the state of a " + state.kind() + " optimizer");
        }
        if (state.steps() < 0) throw new IllegalArgumentException(kind() + ": negative step count " + state.steps());
        buffers.clear();
        state.buffers().forEach((name, b) -> buffers.put(name, b.clone()));
        steps = state.steps();
    }
}
