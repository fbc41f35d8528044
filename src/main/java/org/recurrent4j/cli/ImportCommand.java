package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.ModuleNames;
import org.recurrent4j.io.RecurrentJs;
import org.recurrent4j.io.SavedModel;
import org.recurrent4j.io.Safetensors;
import org.recurrent4j.model.Rnn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import}: a RecurrentJS JSON model or a PyTorch character model in safetensors as a model file. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Read a model saved as RecurrentJS JSON (by RecurrentJS's saveModel or 'recurrent4j export') "
                + "or a PyTorch character model saved as safetensors, and write it as a model file for sample and "
                + "eval.",
            "recurrentjs: w may be an array or an object keyed \"0\", \"1\", ...; a file without a solver (older "
                    + "RecurrentJS) is read too. The solver's step_cache is kept as RMSProp state, so an export gives "
                    + "it back.",
            "safetensors: nn.Embedding(V, E), then an nn.LSTM, nn.GRU or nn.RNN of L layers, then nn.Linear(H, V), "
                    + "found by the tensors' names under any module names; F32, F16 and BF16 are read. The model has "
                    + "no START/END index: sample it with --prime, evaluate it with --data."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.Format format;

    @Parameters(paramLabel = "FILE", description = "The model to read: RecurrentJS JSON or safetensors.")
    Path input;

    @Option(names = "--vocab", paramLabel = "VOCAB",
            description = "safetensors: the characters of the embedding's rows, in order: a JSON array of strings "
                    + "(a .json file), or UTF-8 text with one character per line (an empty line is the newline).")
    Path vocab;

    @Option(names = "--map", paramLabel = "MODULE=NAME",
            description = "safetensors: the name of a module in the state dict, when the tensors' names alone are "
                    + "ambiguous; MODULE is embedding, rnn or decoder, e.g. --map rnn=encoder.lstm. Repeatable.")
    Map<String, String> map;

    @Option(names = "--nonlinearity", paramLabel = "NAME",
            description = "safetensors: the non-linearity of an nn.RNN, tanh or relu (default: tanh, PyTorch's, or "
                    + "the one a recurrent4j export recorded).")
    String nonlinearity;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        format.check(cmd);
        format.onlyWithSafetensors(cmd, "--vocab", "--map", "--nonlinearity");
        if (format.safetensors() && vocab == null) {
            throw OptionChecks.bad(cmd, "--vocab: required with --format safetensors: the characters of the "
                    + "embedding's rows, in order");
        }
        ModuleNames names = moduleNames(cmd, map, ModuleNames.FIND);
        Rnn.Activation activation = activation(cmd);
        output.check(cmd, "the input", input);
        OptionChecks.notAnInput(cmd, "--out", output.out, "--vocab", vocab);
        SavedModel saved = format.safetensors() ? Safetensors.read(input, vocab, names, activation)
                : RecurrentJs.read(input);
        ModelFile.save(output.out, saved.model(), saved.training(), saved.step(), saved.optimizer());
        return 0;
    }

    private Rnn.Activation activation(CommandLine cmd) {
        if (nonlinearity == null) return null;
        return switch (nonlinearity) {
            case "tanh" -> Rnn.Activation.TANH;
            case "relu" -> Rnn.Activation.RELU;
            default -> throw OptionChecks.bad(cmd, "--nonlinearity: unknown '" + nonlinearity + "', expected tanh "
                    + "or relu");
        };
    }

    /** {@code --map} entries over {@code defaults}; an unknown module is a usage error. */
    static ModuleNames moduleNames(CommandLine cmd, Map<String, String> map, ModuleNames defaults) {
        ModuleNames names = defaults;
        if (map == null) return names;
        for (Map.Entry<String, String> e : map.entrySet()) {
            try {
                names = names.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException x) {
                throw OptionChecks.bad(cmd, "--map: " + x.getMessage());
            }
        }
        return names;
    }
}
