package org.recurrent4j.cli;

import java.nio.file.Path;
import org.recurrent4j.cli.options.OptionChecks;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options that several commands share, each declared once as a picocli mixin. */
final class Options {
    private Options() {}

    /** {@code --model FILE}: the model file a command reads (sample, eval, export). */
    static final class ModelInput {
        @Option(names = "--model", paramLabel = "FILE", required = true,
                description = "The model file (written by 'train' or 'import').")
        Path model;
    }

    /** {@code --sentences FILE} or {@code --data FILE}: the text a command reads, in sentence or corpus mode (train, eval). */
    static final class Texts {
        @Option(names = "--sentences", paramLabel = "FILE",
                description = "Sentence mode: a UTF-8 file with one sentence per line, each read from the zero state.")
        Path sentences;

        @Option(names = "--data", paramLabel = "FILE", description = "Corpus mode: a UTF-8 text file, read as continuous text.")
        Path data;

        /** Refuses both at once. */
        void checkNotBoth(CommandLine cmd) {
            if (sentences != null && data != null) throw OptionChecks.bad(cmd, "give --sentences or --data, not both");
        }
    }

    /** {@code --format FORMAT}: the interchange format (export, import). */
    static final class Format {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "recurrentjs",
                description = "The interchange format: recurrentjs (RecurrentJS JSON) or safetensors (a PyTorch "
                        + "state dict) (default: ${DEFAULT-VALUE}).")
        String format;

        void check(CommandLine cmd) {
            if (!format.equals("recurrentjs") && !format.equals("safetensors")) {
                throw OptionChecks.bad(cmd, "--format: unknown format '" + format + "', expected recurrentjs or "
                        + "safetensors");
            }
        }

        boolean safetensors() {
            return format.equals("safetensors");
        }

        /** Refuses each of {@code flags} given without {@code --format safetensors}, the only format that reads them. */
        void onlyWithSafetensors(CommandLine cmd, String... flags) {
            if (safetensors()) return;
            for (String flag : flags) {
                if (cmd.getParseResult().hasMatchedOption(flag)) {
                    throw OptionChecks.bad(cmd, flag + ": only with --format safetensors");
                }
            }
        }
    }

    /** {@code --out FILE}: the file a conversion writes (export, import). */
    static final class Output {
        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "The file to write (replaced whole, or written through if it is a FIFO or a device); "
                        + "never one of the inputs.")
        Path out;

        /** Refuses an unwritable output, or one that is the input {@code input} given by {@code inputFlag}. */
        void check(CommandLine cmd, String inputFlag, Path input) {
            OptionChecks.writableFile(cmd, "--out", out);
            OptionChecks.notAnInput(cmd, "--out", out, inputFlag, input);
        }
    }
}
