package org.recurrent4j.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.tensor.Mat;

/**
 * A model's parameters and its optimizer's buffers as one flat array, the form in which they are broadcast,
 * summed and averaged: every parameter's values in the model's order, then every optimizer buffer in the order
 * of the state's names (RMSProp's cache, Adam's m and v per parameter; none before the first step, or for SGD).
 */
final class FlatState {
    private FlatState() {}

    /** The number of parameter values of {@code params}. */
    static int parameterCount(List<Parameter> params) {
        long n = 0;
        for (Parameter p : params) n += p.mat().size();
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("the model has more than 2^31 parameter values");
        return (int) n;
    }

    /** The parameters' values, then {@code state}'s buffers in the order of {@code names}. */
    static float[] flatten(List<Parameter> params, OptimizerState state, String[] names) {
        long length = parameterCount(params);
        for (String name : names) length += state.buffers().get(name).length;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the parameters and optimizer state hold " + length
                    + " values, more than one Java array can");
        }
        float[] flat = new float[(int) length];
        int at = 0;
        for (Parameter p : params) {
            Mat m = p.mat();
            System.arraycopy(m.w, m.offset, flat, at, m.size());
            at += m.size();
        }
        for (String name : names) {
            float[] b = state.buffers().get(name);
            System.arraycopy(b, 0, flat, at, b.length);
            at += b.length;
        }
        return flat;
    }

    /** Copies the parameter values at the start of {@code flat} into {@code params}. */
    static void loadParameters(float[] flat, List<Parameter> params) {
        int at = 0;
        for (Parameter p : params) {
            Mat m = p.mat();
            System.arraycopy(flat, at, m.w, m.offset, m.size());
            at += m.size();
        }
    }

    /** The optimizer buffers that follow {@code parameters} values in {@code flat}, by name. */
    static Map<String, float[]> buffers(float[] flat, int parameters, String[] names, int[] lengths) {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        int at = parameters;
        for (int i = 0; i < names.length; i++) {
            float[] b = new float[lengths[i]];
            System.arraycopy(flat, at, b, 0, b.length);
            buffers.put(names[i], b);
            at += b.length;
        }
        return buffers;
    }

    /** The lengths of {@code state}'s buffers named {@code names}. */
    static int[] lengths(OptimizerState state, String[] names) {
        int[] lengths = new int[names.length];
        for (int i = 0; i < names.length; i++) lengths[i] = state.buffers().get(names[i]).length;
        return lengths;
    }
}
