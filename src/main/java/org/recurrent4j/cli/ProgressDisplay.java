package org.recurrent4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import org.recurrent4j.train.Metrics;

/**
 * The training progress bar on stderr (me.tongfei:progressbar): steps, the last report's loss, perplexity and
 * characters per second, and the ETA. Text printed through {@link #print} first clears the bar's line, so the two
 * do not garble each other; the bar redraws itself at its next refresh. Quiet mode draws nothing.
 */
final class ProgressDisplay implements AutoCloseable {
    private final Object lock = new Object();
    private final PrintWriter err;
    private final ProgressBar bar;
    private int drawn;

    /**
     * A display for a run from step {@code firstStep} (a resumed run starts above 0) to at most {@code maxSteps}
     * steps (0: unknown), ending by {@code deadlineNanos} (0: none).
     */
    ProgressDisplay(PrintWriter err, boolean quiet, long firstStep, long maxSteps, long deadlineNanos,
                    boolean interactive) {
        this.err = err;
        this.bar = quiet ? null : new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(maxSteps > 0 ? maxSteps : -1)
                .startsFrom(firstStep, Duration.ZERO)
                .setStyle(interactive ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new WriterConsumer())
                .setEtaFunction(state -> eta(state, deadlineNanos))
                .build();
    }

    /** The linear estimate from the steps done, or the time left to the deadline if that comes first. */
    private static Optional<Duration> eta(ProgressState state, long deadlineNanos) {
        Optional<Duration> byTime = deadlineNanos == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
        long done = state.getCurrent() - state.getStart();
        if (state.getMax() <= 0 || done <= 0) return byTime;
        Duration bySteps = state.getElapsedAfterStart().multipliedBy(state.getMax() - state.getCurrent()).dividedBy(done);
        return Optional.of(byTime.filter(t -> t.compareTo(bySteps) < 0).orElse(bySteps));
    }

    void step(long step) {
        if (bar != null) bar.stepTo(step);
    }

    void report(Metrics m) {
        if (bar == null) return;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "loss %.3f", m.loss()));
        double ppl = m.medianPerplexity() != null ? m.medianPerplexity() : m.perplexity();
        sb.append(String.format(Locale.ROOT, " ppl %.2f", ppl));
        if (m.valLoss() != null) sb.append(String.format(Locale.ROOT, " val %.3f", m.valLoss()));
        sb.append(String.format(Locale.ROOT, " %,.0f chars/s", m.charsPerSecond()));
        bar.setExtraMessage(sb.toString());
    }

    /** Prints {@code text} as a line of {@code target}, above the bar. */
    void print(PrintWriter target, String text) {
        synchronized (lock) {
            clearLine();
            target.println(text);
            target.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }

    private void clearLine() {
        if (drawn > 0) {
            err.print('\r' + " ".repeat(drawn) + '\r');
            err.flush();
            drawn = 0;
        }
    }

    /** Draws the bar on the CLI's stderr writer, redrawing the line in place with a carriage return. */
    private final class WriterConsumer implements ProgressBarConsumer {
        private final int width = terminalWidth();

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String line) {
            synchronized (lock) {
                err.print('\r');
                err.print(line);
                if (line.length() < drawn) err.print(" ".repeat(drawn - line.length()));
                err.flush();
                drawn = line.length();
            }
        }

        @Override
        public void clear() {
            synchronized (lock) {
                clearLine();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (drawn > 0) err.println();
                err.flush();
                drawn = 0;
            }
        }
    }

    private static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null) return Math.max(40, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            // fall through
        }
        return 100;
    }
}
