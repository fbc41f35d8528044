package org.recurrent4j.train;

import java.util.List;

/**
 * The lowest validation loss of a run so far, the step that measured it, and how many validations have come
 * since without improving on it. Derived from the reports alone, so a resumed run, whose trainer holds the
 * reports made before the save, knows it exactly. A validation improves when its loss is finite and below the
 * best (an equal loss does not).
 *
 * @param step  the step of the best validation, 0 when there has been none
 * @param loss  its loss, NaN when there has been none
 * @param since validations after it that did not improve on it
 */
public record BestValidation(long step, double loss, int since) {
    /** No validation yet. */
    public static final BestValidation NONE = new BestValidation(0, Double.NaN, 0);

    /** The best of {@code reports}, in the order they were made. */
    public static BestValidation of(List<Metrics> reports) {
        BestValidation best = NONE;
        for (Metrics m : reports) best = best.next(m);
        return best;
    }

    /** After {@code report}: unchanged without a validation loss, else improved or one more without improvement. */
    public BestValidation next(Metrics report) {
        Double v = report.valLoss();
        if (v == null) return this;
        if (Double.isFinite(v) && (!exists() || v < loss)) return new BestValidation(report.step(), v, 0);
        return new BestValidation(step, loss, since + 1);
    }

    /** Whether a validation has set a best. */
    public boolean exists() {
        return step > 0;
    }

    /** Whether {@code patience} validations (at least 1) have come without improvement: time to stop. */
    public boolean exhausted(int patience) {
        return patience > 0 && since >= patience;
    }
}
