package org.recurrent4j.io;

import org.recurrent4j.model.ModelKind;

/**
 * How a PyTorch recurrent layer's stacked tensors map onto a model's named parameters. PyTorch stacks the gates
 * of layer k as row blocks of {@code weight_ih_lk}, {@code weight_hh_lk}, {@code bias_ih_lk} and {@code bias_hh_lk}:
 * i, f, g, o for {@code nn.LSTM} (g is the cell write, the engine's c), r, z, n for {@code nn.GRU}, one block for
 * {@code nn.RNN}. The engine keeps one bias per gate, the sum of PyTorch's two, except for the GRU's candidate,
 * whose recurrent bias b_hn sits inside r ⊙ (W_hn·h + b_hn) and is the parameter {@code bnh}.
 */
final class TorchGates {
    private TorchGates() {}

    /** The kinds PyTorch has a module for. */
    static boolean exportable(ModelKind kind) {
        return switch (kind) {
            case RNN, RNN_TANH, LSTM, GRU_RESET_AFTER -> true;
            default -> false;
        };
    }

    /** The engine's gate letters in PyTorch's block order; {@code ""} for the RNN's one block. */
    static String[] gates(ModelKind kind) {
        return switch (kind) {
            case LSTM -> new String[] {"i", "f", "c", "o"};
            case GRU_RESET_AFTER -> new String[] {"r", "z", "n"};
            case RNN, RNN_TANH -> new String[] {""};
            default -> throw new IllegalArgumentException(kind + " has no PyTorch module");
        };
    }

    /** The parameter holding gate {@code g}'s rows of weight_ih in layer {@code j}: {@code Wix0}, {@code Wxh0}. */
    static String inputWeight(String g, int j) {
        return g.isEmpty() ? "Wxh" + j : "W" + g + "x" + j;
    }

    /** The parameter holding gate {@code g}'s rows of weight_hh in layer {@code j}: {@code Wih0}, {@code Whh0}. */
    static String recurrentWeight(String g, int j) {
        return g.isEmpty() ? "Whh" + j : "W" + g + "h" + j;
    }

    /** The parameter holding gate {@code g}'s bias (of bias_ih alone for the GRU's n): {@code bi0}, {@code bhh0}. */
    static String bias(String g, int j) {
        return g.isEmpty() ? "bhh" + j : "b" + g + j;
    }

    /** The parameter holding gate {@code g}'s rows of bias_hh, or null where they are summed into {@link #bias}. */
    static String recurrentBias(String g, int j) {
        return g.equals("n") ? "bnh" + j : null;
    }

    /** The PyTorch module a kind is, e.g. {@code nn.LSTM}. */
    static String module(ModelKind kind) {
        return switch (kind) {
            case LSTM -> "nn.LSTM";
            case GRU_RESET_AFTER -> "nn.GRU";
            default -> "nn.RNN";
        };
    }
}
