package org.recurrent4j.cli;

import java.time.Duration;
import java.util.Locale;
import org.recurrent4j.train.Metrics;

/**
 * The text of the training progress: a bar line for a terminal of a given width, and a plain line for a log. A
 * run with a step target shows steps and the percentage; a run bounded by time alone shows the step count. Both
 * show the time elapsed and the time left. Every field has a fixed width from the first line on (the last
 * report's figures are blank until the first report), so the bar does not jump; a narrow terminal drops the speed,
 * then the figures, then the bar, and a line never reaches the last column.
 */
final class ProgressLine {
    private static final int MIN_BAR = 8;

    private ProgressLine() {}

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Time left: by the steps done so far, by the deadline, or the sooner of the two; null when unknown. */
    static Duration left(long start, long current, long max, Duration elapsed, Duration toDeadline) {
        Duration bySteps = max > 0 && current > start
                ? elapsed.multipliedBy(max - current).dividedBy(current - start) : null;
        if (toDeadline == null) return bySteps;
        return bySteps == null || toDeadline.compareTo(bySteps) < 0 ? toDeadline : bySteps;
    }

    /** The fields of one line, each at its fixed width. */
    private record Fields(String position, String times, String quality, String speed, double done) {
        static Fields of(long start, long current, long max, Duration elapsed, Duration toDeadline, Metrics m,
                         boolean corpus) {
            String position = max > 0
                    ? String.format(Locale.ROOT, "%" + Long.toString(max).length() + "d/%d %3d%%", current, max,
                            100 * current / max)
                    : String.format(Locale.ROOT, "step %-9d", current);
            Duration left = left(start, current, max, elapsed, toDeadline);
            String times = clock(elapsed) + ", " + (left == null ? "?:??:??" : clock(left)) + " left";
            String quality;
            String speed;
            if (m == null) {
                quality = " ".repeat(corpus ? 32 : 22);
                speed = " ".repeat(15);
            } else {
                double ppl = m.medianPerplexity() != null ? m.medianPerplexity() : m.perplexity();
                quality = String.format(Locale.ROOT, "loss %6.3f ppl %6.2f", m.loss(), ppl)
                        + (!corpus ? "" : m.valLoss() != null ? String.format(Locale.ROOT, " val %5.3f", m.valLoss())
                        : " ".repeat(10));
                speed = String.format(Locale.ROOT, "%,10.0f ch/s", m.charsPerSecond());
            }
            double done = max > 0 ? (double) current / max
                    : toDeadline != null ? elapsed.toNanos() / (double) elapsed.plus(toDeadline).toNanos() : 0;
            return new Fields(position, times, quality, speed, Math.min(1, Math.max(0, done)));
        }
    }

    /**
     * One bar line, at most {@code width} − 1 characters (a full line wraps on some terminals).
     *
     * @param toDeadline the time left to the --minutes budget, or null without one
     * @param m the last report, or null before the first
     */
    static String bar(long start, long current, long max, Duration elapsed, Duration toDeadline, Metrics m,
                      boolean corpus, int width) {
        Fields f = Fields.of(start, current, max, elapsed, toDeadline, m, corpus);
        String[] tails = {
            " " + f.position() + " " + f.times() + " " + f.quality() + " " + f.speed(),
            " " + f.position() + " " + f.times() + " " + f.quality(),
            " " + f.position() + " " + f.times()};
        for (String tail : tails) {
            int room = width - 1 - "train [".length() - "]".length() - tail.length();
            if (room >= MIN_BAR) {
                int filled = (int) Math.round(f.done() * room);
                return "train [" + "=".repeat(filled) + " ".repeat(room - filled) + "]" + tail;
            }
        }
        String line = "train" + tails[0];
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
    }

    /** One plain line for a log: no bar, nothing to redraw. */
    static String plain(long start, long current, long max, Duration elapsed, Duration toDeadline, Metrics m,
                        boolean corpus) {
        Fields f = Fields.of(start, current, max, elapsed, toDeadline, m, corpus);
        return ("train: " + (max > 0 ? "step " : "") + f.position().strip() + ", " + f.times().replace(",", " elapsed,")
                + (m == null ? "" : "; " + f.quality().strip() + ", " + f.speed().strip())).replaceAll(" {2,}", " ");
    }
}
