package org.recurrent4j.io;

import java.util.ArrayList;
import java.util.List;
import org.recurrent4j.model.ModelKind;

/**
 * The names and shapes of a character model's parameters ({@code Wil}, then the recurrent model's, then
 * {@code Whd bd}), worked out from its kind and sizes without building it. Readers compare a file's matrices with
 * these before they allocate anything, so a corrupt or hostile size cannot make them allocate gigabytes. A test
 * holds this list equal to the parameters of every model kind.
 */
final class ParameterShapes {
    /** One parameter's name and shape. */
    record Shape(String name, int rows, int cols) {
        long size() {
            return (long) rows * cols;
        }
    }

    private final List<Shape> shapes = new ArrayList<>();
    private final int limit;

    private ParameterShapes(int limit) {
        this.limit = limit;
    }

    /**
     * The shapes of a model of {@code kind} reading a letter embedding of {@code letterSize} and writing
     * {@code outputs} logits (the vocabulary's size with START/END); {@code outputs} is also Wil's row count.
     *
     * @throws IllegalArgumentException if a size is not positive, a dimension does not fit an int, or there would
     *     be more than {@code limit} parameters
     */
    static List<Shape> of(ModelKind kind, int letterSize, List<Integer> hidden, int outputs, int limit) {
        if (letterSize < 1 || outputs < 1 || hidden.isEmpty() || hidden.stream().anyMatch(h -> h == null || h < 1)) {
            throw new IllegalArgumentException("sizes must be positive: letter size " + letterSize + ", hidden "
                    + hidden + ", " + outputs + " outputs");
        }
        if (hidden.size() > limit) throw tooMany(limit);
        ParameterShapes p = new ParameterShapes(limit);
        p.add("Wil", outputs, letterSize);
        long total = hidden.stream().mapToLong(Integer::longValue).sum();
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("hidden sizes " + hidden + " are too large");
        for (int j = 0; j < hidden.size(); j++) {
            int h = hidden.get(j);
            int in = j == 0 ? letterSize : hidden.get(j - 1);
            switch (kind) {
                case RNN, RNN_TANH -> p.gate("", "xh", "hh", j, h, in);
                case LSTM -> { for (String g : new String[] {"i", "f", "o", "c"}) p.gate(g, "x", "h", j, h, in); }
                case GRU -> { for (String g : new String[] {"u", "r", "c"}) p.gate(g, "x", "h", j, h, in); }
                case GRU_RESET_AFTER -> {
                    for (String g : new String[] {"r", "z", "n"}) p.gate(g, "x", "h", j, h, in);
                    p.add("bnh" + j, h, 1);
                }
                case GF_RNN, GF_RNN_SCALAR -> p.feedback("Wxh", "Whh", "bhh", j, hidden, in, (int) total, kind == ModelKind.GF_RNN);
                case GF_GRU, GF_GRU_SCALAR -> {
                    for (String g : new String[] {"u", "r"}) p.gate(g, "x", "h", j, h, in);
                    p.feedback("Wcx", "Wch", "bc", j, hidden, in, (int) total, kind == ModelKind.GF_GRU);
                }
                case GF_LSTM, GF_LSTM_SCALAR -> {
                    for (String g : new String[] {"i", "f", "o"}) p.gate(g, "x", "h", j, h, in);
                    p.feedback("Wcx", "Wch", "bc", j, hidden, in, (int) total, kind == ModelKind.GF_LSTM);
                }
            }
        }
        p.add("Whd", outputs, hidden.getLast());
        p.add("bd", outputs, 1);
        return List.copyOf(p.shapes);
    }

    /** W{g}{x}{j} (h×in), W{g}{h}{j} (h×h), b{g}{j} (h×1); RNN's names are Wxh, Whh, bhh. */
    private void gate(String g, String x, String hh, int j, int h, int in) {
        add("W" + g + x + j, h, in);
        add("W" + g + hh + j, h, h);
        add("b" + (g.isEmpty() ? "hh" : g) + j, h, 1);
    }

    /** The gated-feedback part of layer j: input weight, U^{i→j} for every i, bias, then every gate i→j. */
    private void feedback(String wx, String u, String b, int j, List<Integer> hidden, int in, int stacked,
                          boolean vectorGate) {
        int h = hidden.get(j);
        int gateRows = vectorGate ? h : 1;
        add(wx + j, h, in);
        for (int i = 0; i < hidden.size(); i++) add(u + i + "to" + j, h, hidden.get(i));
        add(b + j, h, 1);
        for (int i = 0; i < hidden.size(); i++) {
            add("Wgx" + i + "to" + j, gateRows, in);
            add("Wgh" + i + "to" + j, gateRows, stacked);
            add("bg" + i + "to" + j, gateRows, 1);
        }
    }

    private void add(String name, int rows, int cols) {
        if (shapes.size() == limit) throw tooMany(limit);
        shapes.add(new Shape(name, rows, cols));
    }

    private static IllegalArgumentException tooMany(int limit) {
        return new IllegalArgumentException("the model would have more than " + limit + " parameter matrices");
    }

    /**
     * A bound on the number of parameter matrices for a file that lists {@code present} of them: generous enough
     * that a mismatch is reported as such, small enough that a hostile layer count cannot exhaust memory.
     */
    static int limit(int present) {
        return Math.max(1000, 4 * present);
    }

    /** The names of {@code shapes}, the first dozen of them, for a message. */
    static String names(List<Shape> shapes) {
        List<String> names = shapes.stream().limit(12).map(Shape::name).toList();
        return String.join(", ", names) + (shapes.size() > 12 ? ", ... (" + shapes.size() + " in all)" : "");
    }

    /** The total number of values of {@code shapes}. */
    static long size(List<Shape> shapes) {
        long n = 0;
        for (Shape s : shapes) n += s.size();
        return n;
    }
}
