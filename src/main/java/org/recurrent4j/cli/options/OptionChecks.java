package org.recurrent4j.cli.options;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent4j.io.OutputFiles;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SettingException;
import org.recurrent4j.train.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types cannot express, for every command of the program and for
 * {@code recurrent4j-spark}; each failure is a one-line usage error.
 */
public final class OptionChecks {
    private OptionChecks() {}

    /** {@code message} as a usage error of {@code cmd}. */
    public static ParameterException bad(CommandLine cmd, String message) {
        return new ParameterException(cmd, message);
    }

    /**
     * A refused setting as a usage error, echoing the value as the user typed it ({@code -0.01}, not the float's
     * {@code -0.009999999776482582}).
     */
    public static ParameterException bad(CommandLine cmd, SettingException e) {
        String value = e.value() == null ? null : typed(cmd, e.setting(), e.value());
        return bad(cmd, e.setting() + ": " + e.problem() + (value == null ? "" : ", got " + value));
    }

    /** The text given for {@code flag} on the command line, or {@code fallback} when it was not given. */
    public static String typed(CommandLine cmd, String flag, Object fallback) {
        CommandLine.ParseResult parsed = cmd.getParseResult();
        if (parsed != null && parsed.hasMatchedOption(flag)) {
            List<String> given = parsed.matchedOption(flag).stringValues();
            if (!given.isEmpty()) return given.getLast();
        }
        return String.valueOf(fallback);
    }

    /** "20,20" → [20, 20]: the layer sizes as written; the rule for each size is {@link RunSettings}'s. */
    public static List<Integer> hiddenSizes(CommandLine cmd, String flag, String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int size;
            try {
                size = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw bad(cmd, flag + ": '" + text + "' is not a comma-separated list of layer sizes such as 20,20");
            }
            sizes.add(size);
        }
        return sizes;
    }

    /** Refuses a {@code value} of {@code flag} below {@code min}. */
    public static void atLeast(CommandLine cmd, String flag, long value, long min) {
        if (value < min) throw bad(cmd, flag + ": must be at least " + min + ", got " + typed(cmd, flag, value));
    }

    /** Refuses a {@code value} of {@code flag} that is not a positive finite number. */
    public static void positiveFinite(CommandLine cmd, String flag, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(cmd, flag + ": must be a positive finite number, got " + typed(cmd, flag, value));
        }
    }

    /**
     * Refuses an output that is one of the inputs (after following links): writing it would destroy the input.
     * {@code input} may be null or absent.
     */
    public static void notAnInput(CommandLine cmd, String flag, Path output, String inputFlag, Path input) {
        if (output != null && input != null && OutputFiles.same(output, input)) {
            throw bad(cmd, flag + " " + output + ": is the same file as " + inputFlag + " " + input
                    + "; writing it would destroy that input; give another " + flag);
        }
    }

    /**
     * Checks, before any work starts, that {@code file} can be created or replaced: its directory exists and
     * accepts a new file, and the file itself is not a directory.
     */
    public static void writableFile(CommandLine cmd, String flag, Path file) {
        Path target = file.toAbsolutePath();
        String unwritable = OutputFiles.unwritable(target);
        if (unwritable != null && !unwritable.equals("a directory")) {
            throw bad(cmd, flag + " " + file + ": is " + unwritable + "; give the path of a regular file");
        }
        if (OutputFiles.writesThrough(target)) {
            if (!Files.isWritable(target)) throw bad(cmd, flag + " " + file + ": cannot be written (permission denied)");
            return; // a FIFO or device: written through, nothing is created beside it
        }
        if (Files.isDirectory(target)) {
            throw bad(cmd, flag + " " + file + ": is a directory; give a file name inside it");
        }
        Path dir = target.getParent();
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw bad(cmd, flag + " " + file + ": " + dir + " is a file, not a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw bad(cmd, flag + " " + file + ": the directory " + (dir == null ? "" : dir) + " does not exist");
        }
        try {
            Path probe = Files.createTempFile(dir, ".recurrent4j-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : "it refuses new files";
            throw bad(cmd, flag + " " + file + ": cannot write in the directory " + dir + " (" + reason + ")");
        }
    }

    /**
     * Refuses, before anything is read, outputs of a training run that would destroy a file: an {@code --out} or
     * {@code --metrics} that cannot be written or is one of the inputs ({@code data}'s file, the {@code checkpoint}
     * resumed from, the {@code model} of --init-from; each may be null), a {@code --metrics} file that holds
     * something other than metrics, and an existing {@code --out} this run did not write (see {@link #replacing}).
     */
    public static void outputs(CommandLine cmd, Path out, Path metrics, boolean force, TrainingData data,
                               Path checkpoint, Path model) {
        writableFile(cmd, "--out", out);
        notAnInput(cmd, "--out", out, data.option(), data.file());
        notAnInput(cmd, "--out", out, "--init-from", model);
        if (metrics != null) {
            writableFile(cmd, "--metrics", metrics);
            notAnInput(cmd, "--metrics", metrics, data.option(), data.file());
            notAnInput(cmd, "--metrics", metrics, "--resume", checkpoint);
            notAnInput(cmd, "--metrics", metrics, "--init-from", model);
            notAnInput(cmd, "--metrics", metrics, "--out", out);
            if (!force && Files.isRegularFile(metrics) && !holdsMetrics(metrics)) {
                throw bad(cmd, "--metrics " + metrics + ": exists and holds no metrics; give --force to replace it, "
                        + "or another --metrics");
            }
        }
        replacing(cmd, out, checkpoint, force);
    }

    /** An existing regular file at --out is replaced only with --force or when it is the checkpoint resumed from. */
    public static void replacing(CommandLine cmd, Path out, Path checkpoint, boolean force) {
        if (force || !Files.isRegularFile(out) || OutputFiles.same(out, checkpoint)) return;
        throw bad(cmd, "--out " + out + ": already exists; give --force to replace it, --resume " + out
                + " to continue its training, or another --out");
    }

    /** Whether {@code file} is empty or its first line is a metrics record, so that replacing it loses no other text. */
    static boolean holdsMetrics(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) return true;
            JsonElement e = JsonParser.parseString(first);
            return e.isJsonObject() && e.getAsJsonObject().has("step");
        } catch (IOException | RuntimeException e) {
            return false; // unreadable, not UTF-8, not JSON: not ours
        }
    }
}
