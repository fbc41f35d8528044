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
import picocli.CommandLine.Option;
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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "recurrentjs",
            description = "The format to read; recurrentjs is the one there is (default: ${DEFAULT-VALUE}).")
    String format;

    @Parameters(paramLabel = "FILE.json", description = "The JSON model to read.")
    Path json;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The model file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        checkFormat(cmd, format);
        OptionChecks.writableFile(cmd, "--out", out);
        SavedModel saved = RecurrentJs.read(json);
        ModelFile.save(out, saved.model(), saved.training(), saved.step(), saved.optimizer());
        return 0;
    }

    static void checkFormat(CommandLine cmd, String format) {
        if (!format.equals("recurrentjs")) {
            throw OptionChecks.bad(cmd, "--format: unknown format '" + format + "', expected recurrentjs");
        }
    }
}
