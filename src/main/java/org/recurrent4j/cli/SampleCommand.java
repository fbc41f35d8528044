package org.recurrent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SampleOptions;
import org.recurrent4j.text.Sampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: generates text from a trained model; each sample ends with a line break. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Generate text from a model file, streamed as it is generated.",
            "Each sample starts from START, then the prime text (printed first), stops at END or after --length "
                    + "characters, and ends with a line break. A model trained on sentences gives one sample per "
                    + "line; one trained on continuous text (--data) writes line breaks of its own."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file written by 'train'.")
    Path model;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Divide the logits by T before sampling: below 1 is more conservative, above 1 more "
                    + "varied (default: ${DEFAULT-VALUE}; ignored with --argmax).")
    float temperature;

    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "", description = "Text fed to the model before generating.")
    String prime;

    @Option(names = "--length", paramLabel = "N", defaultValue = "100",
            description = "Generate at most N characters per sample (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--argmax", description = "Take the most likely character at every step instead of sampling.")
    boolean argmax;

    @Option(names = "--count", paramLabel = "K", defaultValue = "1", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        OptionChecks.positiveFinite(cmd, "--temperature", temperature);
        OptionChecks.atLeast(cmd, "--length", length, 1);
        OptionChecks.atLeast(cmd, "--count", count, 1);
        CharModel m = ModelFile.load(model).model();
        try {
            m.vocabulary().encode(prime);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.bad(cmd, "--prime: " + e.getMessage());
        }
        Sampler sampler = new Sampler(m);
        SampleOptions options = new SampleOptions(temperature, argmax, prime, length);
        SplittableRandom rng = new SplittableRandom(seed);
        PrintWriter out = cmd.getOut();
        for (int i = 0; i < count; i++) {
            out.print(prime);
            sampler.sample(options, rng, cp -> {
                out.print(Character.toString(cp));
                out.flush();
            });
            out.println();
            out.flush();
        }
        return 0;
    }
}
