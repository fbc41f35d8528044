package org.recurrent4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.RecurrentJs;
import org.recurrent4j.io.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code export}: a model file as RecurrentJS JSON. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Write a model file (or checkpoint) as the JSON that RecurrentJS's loadModel reads: "
                + "hidden_sizes, generator, letter_size, model ({n, d, w} row-major per parameter), solver "
                + "(decay_rate, smooth_eps, step_cache), letterToIndex, indexToLetter and vocab.",
            "RNN and LSTM models load in RecurrentJS itself; the other kinds are written the same way with their own "
                    + "generator and parameter names. step_cache is the RMSProp cache of a checkpoint trained with "
                    + "rmsprop, zeros otherwise (a note says so)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.ModelInput input;

    @Mixin
    Options.Format format;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        format.check(cmd);
        output.check(cmd, "--model", input.model);
        SavedModel saved = ModelFile.load(input.model);
        boolean cache = RecurrentJs.write(output.out, saved);
        if (!cache) {
            cmd.getErr().println("export: note: " + input.model + " holds no RMSProp state ("
                    + (saved.optimizer() == null ? "no optimizer state" : "it was trained with " + saved.optimizer().kind())
                    + "); solver.step_cache is written as zeros");
            cmd.getErr().flush();
        }
        return 0;
    }
}
