package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.RecurrentJs;
import org.recurrent4j.io.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import}: a RecurrentJS JSON model as a model file. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Read a model saved as RecurrentJS JSON (by RecurrentJS's saveModel or 'recurrent4j export') "
                + "and write it as a model file for sample and eval.",
            "w may be an array or an object keyed \"0\", \"1\", ...; a file without a solver (older RecurrentJS) "
                    + "is read too. The solver's step_cache is kept as RMSProp state, so an export gives it back."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.Format format;

    @Parameters(paramLabel = "FILE.json", description = "The JSON model to read.")
    Path json;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        format.check(cmd);
        output.check(cmd, "the input", json);
        SavedModel saved = RecurrentJs.read(json);
        ModelFile.save(output.out, saved.model(), saved.training(), saved.step(), saved.optimizer());
        return 0;
    }
}
