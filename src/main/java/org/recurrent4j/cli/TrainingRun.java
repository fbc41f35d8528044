package org.recurrent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.text.SampleOptions;
import org.recurrent4j.text.Sampler;
import org.recurrent4j.text.Vocabulary;
import org.recurrent4j.train.BestValidation;
import org.recurrent4j.train.Metrics;
import org.recurrent4j.train.RunSettings;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingData;
import org.recurrent4j.train.TrainingDivergedException;

/**
 * The loop of {@code train}: steps the trainer until the step or time budget is spent or Ctrl-C, and between
 * steps writes metrics, draws progress, prints samples and saves the model. Ctrl-C runs a shutdown hook that only
 * asks the loop to stop and waits for it: the loop saves after the step in progress, so the file always holds
 * the parameters of a completed step. In corpus mode it follows the best validation loss: with {@code --keep-best}
 * each improvement is saved to the best file, and with {@code --patience K} the run stops after K validations
 * without one.
 */
final class TrainingRun {
    private static final int SAMPLES = 3;
    /** How long the shutdown hook waits for the loop to finish its step and save. */
    private static final long SHUTDOWN_WAIT_SECONDS = 120;

    private final Trainer trainer;
    private final Path file;
    /** Where the checkpoint of the best validation loss goes, null without --keep-best. */
    private final Path bestFile;
    private final RunSettings settings;
    private final long maxSteps;
    private final long budgetNanos;
    private final int saveEvery;
    private final int sampleEvery;
    private final float temperature;
    private final SplitMix64 sampleRng;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final int terminalWidth;
    private volatile boolean stopRequested;
    /** Standard output failed: the samples stop, the training goes on, and the exit code says so. */
    private boolean samplesLost;
    private long savedStep = -1;
    private BestValidation best;
    /** The step whose model the best file holds, -1 when it holds none of this run. */
    private long bestSavedStep = -1;

    TrainingRun(Trainer trainer, Path file, Path bestFile, RunSettings settings, long budgetNanos,
                int saveEvery, int sampleEvery, float temperature, SplitMix64 sampleRng, PrintWriter out,
                PrintWriter err, boolean quiet, int terminalWidth) {
        this.trainer = trainer;
        this.file = file;
        this.bestFile = bestFile;
        this.settings = settings;
        this.best = BestValidation.of(trainer.history());
        if (bestFile != null && best.exists()) bestSavedStep = stepIn(bestFile);
        this.maxSteps = settings.steps();
        this.budgetNanos = budgetNanos;
        this.saveEvery = saveEvery;
        this.sampleEvery = sampleEvery;
        this.temperature = temperature;
        this.sampleRng = sampleRng;
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.terminalWidth = terminalWidth;
    }

    /** The step of the model file at {@code path}, or -1 when there is none or it cannot be read. */
    private static long stepIn(Path path) {
        try {
            return java.nio.file.Files.isRegularFile(path) ? ModelFile.load(path).step() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Says that the output file already holds this trainer's state at {@code step} (a resume in place). */
    void fileHolds(long step) {
        savedStep = step;
    }

    /**
     * Trains, writing each report to {@code log} (may be null); returns the exit code: 0, or 1 when the metrics or
     * the samples could not be written (each said so once on stderr as it happened).
     */
    int run(MetricsLog log) {
        long start = System.nanoTime();
        long deadline = budgetNanos > 0 ? start + budgetNanos : 0;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "recurrent4j-train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Metrics last = null;
        boolean exhausted = false;
        String summary;
        try {
            try (ProgressDisplay progress = new ProgressDisplay(err, quiet, trainer.steps(), maxSteps, deadline,
                    !(settings.data() instanceof TrainingData.Sentences), terminalWidth)) {
                while ((maxSteps == 0 || trainer.steps() < maxSteps) && (deadline == 0 || System.nanoTime() < deadline)
                        && !stopRequested && !exhausted) {
                    Optional<Metrics> report;
                    try {
                        report = trainer.step();
                    } catch (TrainingDivergedException e) {
                        throw diverged(e);
                    }
                    long step = trainer.steps();
                    boolean improved = false;
                    if (report.isPresent()) {
                        last = report.get();
                        if (log != null) log.write(last);
                        progress.report(last);
                        BestValidation next = best.next(last);
                        improved = next.step() == step && next.since() == 0;
                        best = next;
                        exhausted = best.exhausted(settings.patience());
                    }
                    progress.step(step);
                    // samples first: the checkpoint then holds the sample generator as the next step finds it
                    if (sampleEvery > 0 && step % sampleEvery == 0) printSamples(progress, step);
                    if (improved && bestFile != null) saveBest();
                    if (saveEvery > 0 && step % saveEvery == 0) save();
                }
                long step = trainer.steps();
                if (savedStep != step) save();
                if (sampleEvery > 0 && step % sampleEvery != 0 && step > 0) printSamples(progress, step);
                summary = summary(step, last, stopRequested, exhausted);
            }
            if (!quiet || stopRequested) {
                err.println(summary);
                err.flush();
            }
            return samplesLost || (log != null && log.lost()) ? 1 : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and returns once it sees the latch
            }
        }
    }

    private void save() {
        checkFinite();
        try {
            Checkpoint.save(file, trainer, settings, Map.of(TrainingSetup.SAMPLES, sampleRng.state()));
            savedStep = trainer.steps();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the model file (" + e.getMessage() + ")"
                    + (savedStep >= 0 ? "; it keeps step " + savedStep : existing()), e);
        }
    }

    /** Saves the checkpoint of the best validation loss so far to the best file. */
    private void saveBest() {
        checkFinite();
        try {
            Checkpoint.save(bestFile, trainer, settings, Map.of(TrainingSetup.SAMPLES, sampleRng.state()));
            bestSavedStep = trainer.steps();
        } catch (IOException e) {
            throw new UncheckedIOException(bestFile + ": cannot write the best model (" + e.getMessage() + ")", e);
        }
    }

    private void checkFinite() {
        String overflowed = trainer.overflowedParameter();
        if (overflowed != null) {
            throw diverged(new TrainingDivergedException(trainer.steps(), "the parameter " + overflowed
                    + " overflowed to infinity or NaN"));
        }
    }

    private IllegalStateException diverged(TrainingDivergedException e) {
        return new IllegalStateException(e.getMessage() + "; " + (savedStep >= 0
                ? "the model file " + file + " keeps step " + savedStep
                : "nothing was written to " + file) + "; try a smaller learning rate (--lr)", e);
    }

    private String existing() {
        return java.nio.file.Files.exists(file) ? "; the file is unchanged" : "";
    }

    private void printSamples(ProgressDisplay progress, long step) {
        if (samplesLost) return;
        Sampler sampler = new Sampler(trainer.model());
        SampleOptions options = SampleOptions.defaults().withTemperature(temperature).withPrime(prime());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "--- step %d, samples at temperature %s:%n", step, temperature));
        for (int i = 0; i < SAMPLES; i++) sb.append(sampler.sample(options, sampleRng)).append('\n');
        sb.append("argmax: ").append(sampler.sample(options.withArgmax(true), sampleRng));
        progress.print(out, sb.toString());
        if (out.checkError()) {
            samplesLost = true;
            progress.print(err, "train: warning: cannot write the samples to standard output; training goes on without them");
        }
    }

    /**
     * Nothing for a model with START/END; a model without it (imported from PyTorch) needs a first character: a
     * line break when it has one, else its first character.
     */
    private String prime() {
        Vocabulary v = trainer.model().vocabulary();
        if (v.hasStartEnd()) return "";
        return v.contains('\n') ? "\n" : Character.toString(v.codePointAt(v.firstIndex()));
    }

    private String summary(long step, Metrics last, boolean interrupted, boolean exhausted) {
        StringBuilder sb = new StringBuilder("train: ");
        sb.append(interrupted ? "interrupted at step " : exhausted ? "stopped at step " : "done at step ").append(step);
        if (exhausted && !interrupted) {
            sb.append(" after ").append(best.since()).append(" validations without improvement (--patience ")
                    .append(settings.patience()).append(')');
        }
        if (last != null) {
            sb.append(String.format(Locale.ROOT, ", loss %.4f", last.loss()));
            if (last.medianPerplexity() != null) sb.append(String.format(Locale.ROOT, ", median perplexity %.3f", last.medianPerplexity()));
            if (last.valLoss() != null) sb.append(String.format(Locale.ROOT, ", validation loss %.4f", last.valLoss()));
            sb.append(String.format(Locale.ROOT, ", %,.0f chars/s", last.charsPerSecond()));
        }
        if (best.exists()) {
            sb.append(String.format(Locale.ROOT, "; best validation loss %.4f at step %d", best.loss(), best.step()));
            if (bestFile != null && bestSavedStep == best.step()) sb.append(", kept in ").append(bestFile);
        }
        sb.append("; saved ").append(file);
        return sb.toString();
    }
}
