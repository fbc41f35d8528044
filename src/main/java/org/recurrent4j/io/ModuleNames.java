package org.recurrent4j.io;

/**
 * The names of the three modules of a PyTorch character model in its state dict: the {@code nn.Embedding}, the
 * {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN} and the {@code nn.Linear} decoder, as the attribute paths of a
 * module ({@code embed}, {@code model.lstm}; the empty string for tensors at the top level). On import a null name
 * is found by the tensors' suffixes; on export every name is given.
 */
public record ModuleNames(String embedding, String rnn, String decoder) {
    /** The names an export writes unless told otherwise: {@code embedding.weight}, {@code rnn.weight_ih_l0}, ... */
    public static final ModuleNames EXPORT = new ModuleNames("embedding", "rnn", "decoder");
    /** Every module found by its tensors' suffixes. */
    public static final ModuleNames FIND = new ModuleNames(null, null, null);

    /** The same names with {@code role} (embedding, rnn or decoder) set to {@code name}. */
    public ModuleNames with(String role, String name) {
        return switch (role) {
            case "embedding" -> new ModuleNames(name, rnn, decoder);
            case "rnn" -> new ModuleNames(embedding, name, decoder);
            case "decoder" -> new ModuleNames(embedding, rnn, name);
            default -> throw new IllegalArgumentException("unknown module '" + role + "', expected embedding, rnn or "
                    + "decoder");
        };
    }

    /** The prefix of a module's tensor names: {@code "rnn."} for {@code rnn}, nothing for the top level. */
    static String prefix(String module) {
        return module.isEmpty() || module.endsWith(".") ? module : module + ".";
    }
}
