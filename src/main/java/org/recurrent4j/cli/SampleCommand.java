package org.recurrent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.cli.options.TrainOptions;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.text.BeamSearch;
import org.recurrent4j.text.BeamText;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SampleOptions;
import org.recurrent4j.text.Sampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: generates text from a trained model, each sample ending with a line break, or the best texts of a beam search. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Generate text from a model file, streamed as it is generated.",
            "Each sample starts from START, then the prime text (printed first), stops at END or after --length "
                    + "characters, and ends with a line break. A model trained on sentences gives one sample per "
                    + "line; one trained on continuous text (--data) writes line breaks of its own. A model imported "
                    + "from PyTorch has no START/END: it needs --prime, whose first character is its first input, and "
                    + "stops after --length characters.",
            "With --beam K, beam search prints the most probable continuation instead, after its log-probability "
                    + "in nats and a tab."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.ModelInput input;

    @Mixin
    TrainOptions.Temperature sampling;

    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "", description = "Text fed to the model before generating.")
    String prime;

    @Option(names = "--length", paramLabel = "N", defaultValue = "100",
            description = "Generate at most N characters per sample (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--argmax", description = "Take the most likely character at every step instead of sampling "
            + "(--temperature is then ignored).")
    boolean argmax;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "Number of samples; with --beam, of the best texts shown (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the sampling (default: ${DEFAULT-VALUE}; --argmax and --beam draw nothing).")
    long seed;

    @Option(names = "--beam", paramLabel = "K",
            description = "Beam search keeping the K best partial texts (1 to " + MAX_BEAM + "; 1 is --argmax): "
                    + "print the most probable continuation of --length characters, or up to END, after its total "
                    + "log-probability in nats (the prime's own not included) and a tab; with --count N, the N best "
                    + "texts of the beam (N <= K), best first. Not with --temperature or --argmax.")
    Integer beam;

    /** The widest beam the command accepts: each of its texts is a column of every step. */
    static final int MAX_BEAM = 1000;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        sampling.check(cmd);
        OptionChecks.atLeast(cmd, "--length", length, 1);
        OptionChecks.atLeast(cmd, "--count", count, 1);
        if (beam != null) checkBeam(cmd);
        CharModel m = ModelFile.load(input.model).model();
        try {
            m.vocabulary().encode(prime);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.bad(cmd, "--prime: " + e.getMessage());
        }
        if (prime.isEmpty() && !m.vocabulary().hasStartEnd()) {
            throw OptionChecks.bad(cmd, "--prime: " + input.model + ": " + Sampler.NEEDS_PRIME);
        }
        if (beam != null) return printBeam(cmd, m);
        Sampler sampler = new Sampler(m);
        SampleOptions options = new SampleOptions(sampling.temperature(), argmax, prime, length);
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

    /** --beam takes no sampling option, and cannot show more texts than it keeps. */
    private void checkBeam(CommandLine cmd) {
        OptionChecks.atLeast(cmd, "--beam", beam, 1);
        if (beam > MAX_BEAM) throw OptionChecks.bad(cmd, "--beam: must be at most " + MAX_BEAM + ", got " + beam);
        if (cmd.getParseResult().hasMatchedOption("--temperature")) {
            throw OptionChecks.bad(cmd, "--beam ranks texts by the model's own probabilities; --temperature only "
                    + "applies to sampling");
        }
        if (argmax) throw OptionChecks.bad(cmd, "--beam and --argmax: give one (--beam 1 is argmax decoding)");
        if (count > beam) {
            throw OptionChecks.bad(cmd, "--count " + count + ": --beam " + beam + " keeps only the " + beam
                    + " best texts; give --beam " + count + " or more");
        }
    }

    /** The best --count texts of the beam, each as its log-probability, a tab, the prime and the continuation. */
    private int printBeam(CommandLine cmd, CharModel m) {
        List<BeamText> best;
        try {
            best = new BeamSearch(m).search(prime, length, beam);
        } catch (IllegalArgumentException e) { // the prime is checked: only --length × --beam can be too large
            throw OptionChecks.bad(cmd, "--length " + length + " with --beam " + beam + ": " + e.getMessage());
        }
        PrintWriter out = cmd.getOut();
        for (BeamText t : best.subList(0, Math.min(count, best.size()))) {
            out.print(String.format(Locale.ROOT, "%.4f\t", t.logProbability()) + prime + t.text());
            out.println();
            OutputLost.check(out);
        }
        return 0;
    }
}
