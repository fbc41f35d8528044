package org.recurrent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SampleOptions;
import org.recurrent4j.text.Sampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: generates text from a trained model, one sample per line. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Generate text from a model file, one sample per line, streamed as it is generated.",
            "Each sample starts from START, then the prime text (printed first), and stops at END or after "
                    + "--length characters. A model imported from PyTorch has no START/END: it needs --prime, whose "
                    + "first character is its first input, and stops after --length characters."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.ModelInput input;

    @Mixin
    Options.Temperature sampling;

    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "", description = "Text fed to the model before generating.")
    String prime;

    @Option(names = "--length", paramLabel = "N", defaultValue = "100",
            description = "Generate at most N characters per sample (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--argmax", description = "Take the most likely character at every step instead of sampling "
            + "(--temperature is then ignored).")
    boolean argmax;

    @Option(names = "--count", paramLabel = "K", defaultValue = "1", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        sampling.check(cmd);
        OptionChecks.atLeast(cmd, "--length", length, 1);
        OptionChecks.atLeast(cmd, "--count", count, 1);
        CharModel m = ModelFile.load(input.model).model();
        try {
            m.vocabulary().encode(prime);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.bad(cmd, "--prime: " + e.getMessage());
        }
        if (prime.isEmpty() && !m.vocabulary().hasStartEnd()) {
            throw OptionChecks.bad(cmd, "--prime: " + input.model + ": " + Sampler.NEEDS_PRIME);
        }
        Sampler sampler = new Sampler(m);
        SampleOptions options = new SampleOptions(sampling.temperature, argmax, prime, length);
        SplittableRandom rng = new SplittableRandom(seed);
        PrintWriter out = cmd.getOut();
        for (int i = 0; i < count; i++) {
            out.print(prime);
            sampler.sample(options, rng, cp -> {
                out.print(Character.toString(cp));
                OutputLost.check(out); // flushes: stop at a closed pipe or a full disk
            });
            out.println();
            OutputLost.check(out);
        }
        return 0;
    }
}
