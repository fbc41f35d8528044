package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.ModuleNames;
import org.recurrent4j.io.OutputFiles;
import org.recurrent4j.io.RecurrentJs;
import org.recurrent4j.io.SavedModel;
import org.recurrent4j.io.Safetensors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: a model file as RecurrentJS JSON, or as safetensors for PyTorch. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Write a model file (or checkpoint) as the JSON that RecurrentJS's loadModel reads, or as "
                + "safetensors that PyTorch modules load.",
            "recurrentjs: hidden_sizes, generator, letter_size, model ({n, d, w} row-major per parameter), solver "
                    + "(decay_rate, smooth_eps, step_cache), letterToIndex, indexToLetter and vocab. RNN and LSTM "
                    + "models load in RecurrentJS itself; the other kinds are written the same way with their own "
                    + "generator and parameter names. step_cache is the RMSProp cache of a checkpoint trained with "
                    + "rmsprop, zeros otherwise (a note says so).",
            "safetensors: F32 tensors embedding.weight, rnn.weight_ih_l0, ..., decoder.weight, decoder.bias, which "
                    + "nn.Embedding, nn.LSTM / nn.GRU / nn.RNN (bias=True) and nn.Linear of the same sizes load with "
                    + "strict=True, and the vocabulary as a JSON array beside them. Kinds rnn, rnn-tanh, lstm and "
                    + "gru-reset-after; PyTorch has no module for the others."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.ModelInput input;

    @Mixin
    Options.Format format;

    @Mixin
    Options.Output output;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "safetensors: where to write the vocabulary (default: vocab.json beside --out).")
    Path vocab;

    @Option(names = "--map", paramLabel = "MODULE=NAME",
            description = "safetensors: the name to write for a module, MODULE being embedding, rnn or decoder "
                    + "(default: embedding, rnn, decoder), e.g. --map rnn=lstm. Repeatable.")
    Map<String, String> map;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        format.check(cmd);
        format.onlyWithSafetensors(cmd, "--vocab", "--map");
        ModuleNames names = ImportCommand.moduleNames(cmd, map, ModuleNames.EXPORT);
        output.check(cmd, "--model", input.model);
        Path out = output.out;
        if (format.safetensors()) {
            Path vocabulary = vocab != null ? vocab : Safetensors.vocabularyBeside(out);
            OptionChecks.writableFile(cmd, "--vocab", vocabulary);
            OptionChecks.notAnInput(cmd, "--vocab", vocabulary, "--model", input.model);
            // neither output need exist yet, so the paths are compared too
            if (vocabulary.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
                    || OutputFiles.same(vocabulary, out)) {
                throw OptionChecks.bad(cmd, "--vocab " + vocabulary + ": is the --out file; give another --vocab");
            }
            Safetensors.write(out, vocabulary, ModelFile.load(input.model).model(), names);
            return 0;
        }
        SavedModel saved = ModelFile.load(input.model);
        boolean cache = RecurrentJs.write(out, saved);
        if (!cache) {
            cmd.getErr().println("export: note: " + input.model + " holds no RMSProp state ("
                    + (saved.optimizer() == null ? "no optimizer state" : "it was trained with " + saved.optimizer().kind())
                    + "); solver.step_cache is written as zeros");
            cmd.getErr().flush();
        }
        return 0;
    }
}
