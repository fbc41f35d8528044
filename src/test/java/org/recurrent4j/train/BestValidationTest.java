package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The best validation so far and the validations since, from the reports alone. */
class BestValidationTest {
    private static Metrics report(long step, Double valLoss) {
        return new Metrics(step, 2, Math.exp(2), null, valLoss, 0.1, 0.01, 1000, step);
    }

    @Test
    void followsTheLowestLossAndCountsTheValidationsSince() {
        List<Metrics> reports = new ArrayList<>();
        assertFalse(BestValidation.of(reports).exists());
        reports.add(report(10, 2.0));
        reports.add(report(20, null)); // a report without validation counts for nothing
        reports.add(report(30, 1.5));
        reports.add(report(40, 1.5)); // equal is not better
        reports.add(report(50, 1.7));
        BestValidation b = BestValidation.of(reports);
        assertEquals(new BestValidation(30, 1.5, 2), b);
        assertTrue(b.exhausted(2));
        assertFalse(b.exhausted(3));
        assertFalse(b.exhausted(0), "0: no patience, never exhausted");
        assertEquals(new BestValidation(60, 1.4, 0), b.next(report(60, 1.4)));
    }

    @Test
    void aLossThatIsNotFiniteNeverImproves() {
        BestValidation b = BestValidation.of(List.of(report(10, Double.NaN), report(20, 3.0), report(30, Double.NaN),
                report(40, Double.NEGATIVE_INFINITY)));
        assertEquals(new BestValidation(20, 3.0, 2), b);
    }
}
