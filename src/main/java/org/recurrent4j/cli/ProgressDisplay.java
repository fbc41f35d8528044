package org.recurrent4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.recurrent4j.train.Metrics;

/**
 * The training progress on stderr. On a terminal, a bar as wide as the terminal (me.tongfei:progressbar redraws it
 * on its own thread); text printed through {@link #print} first clears the bar's line, so the two do not garble
 * each other. Elsewhere (a log file, a pipe), a plain line every {@link #PLAIN_EVERY} and one at the end, never a
 * redraw. Quiet mode shows nothing.
 */
final class ProgressDisplay implements AutoCloseable {
    /** How often a plain line is written when stderr is not a terminal. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

    private final Object lock = new Object();
    private final PrintWriter err;
    private final boolean quiet;
    private final long firstStep;
    private final long maxSteps;
    private final long deadlineNanos;
    private final long startNanos = System.nanoTime();
    private final long plainEveryNanos;
    private final ProgressBar bar;
    private volatile Metrics last;
    private final boolean corpus;
    private long step;
    private long lastPlainNanos;
    private long lastPlainStep = -1;
    private int drawn;

    /**
     * A display for a run from step {@code firstStep} (a resumed run starts above 0) to at most {@code maxSteps}
     * steps (0: none), ending by {@code deadlineNanos} (0: none), on a terminal {@code terminalWidth} columns wide
     * (0: stderr is not a terminal); {@code corpus} runs report a validation loss too.
     */
    ProgressDisplay(PrintWriter err, boolean quiet, long firstStep, long maxSteps, long deadlineNanos, boolean corpus,
                    int terminalWidth) {
        this(err, quiet, firstStep, maxSteps, deadlineNanos, corpus, terminalWidth, PLAIN_EVERY);
    }

    /** As above, with plain lines every {@code plainEvery} (tests). */
    ProgressDisplay(PrintWriter err, boolean quiet, long firstStep, long maxSteps, long deadlineNanos, boolean corpus,
                    int terminalWidth, Duration plainEvery) {
        this.err = err;
        this.quiet = quiet;
        this.firstStep = firstStep;
        this.maxSteps = maxSteps;
        this.deadlineNanos = deadlineNanos;
        this.plainEveryNanos = plainEvery.toNanos();
        this.step = firstStep;
        this.lastPlainNanos = startNanos;
        this.corpus = corpus;
        this.bar = quiet || terminalWidth <= 0 ? null : new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(maxSteps > 0 ? maxSteps : -1)
                .startsFrom(firstStep, Duration.ZERO)
                .setUpdateIntervalMillis(500)
                .setConsumer(new WriterConsumer(terminalWidth))
                .setRenderer((state, width) -> ProgressLine.bar(firstStep, state.getCurrent(), maxSteps, elapsed(),
                        toDeadline(), last, corpus, width))
                .build();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private Duration toDeadline() {
        return deadlineNanos == 0 ? null : Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    void step(long current) {
        if (quiet) return;
        step = current;
        if (bar != null) {
            bar.stepTo(current);
        } else if (System.nanoTime() - lastPlainNanos >= plainEveryNanos) {
            plainLine();
        }
    }

    void report(Metrics m) {
        last = m;
    }

    private void plainLine() {
        lastPlainNanos = System.nanoTime();
        lastPlainStep = step;
        print(err, ProgressLine.plain(firstStep, step, maxSteps, elapsed(), toDeadline(), last, corpus));
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
        else if (!quiet && step != lastPlainStep && step > firstStep) plainLine();
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
        private final int width;

        WriterConsumer(int width) {
            this.width = width;
        }

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
                drawn = Math.max(drawn, line.length());
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
}
