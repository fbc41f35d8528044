package org.recurrent4j.optim;

/**
 * What an optimizer step did: the fraction of gradient elements that were clipped, or, when a gradient held
 * NaN or infinity, that the step was skipped and which parameter was the first to hold one.
 */
public record StepResult(double clippedFraction, boolean nonFinite, String nonFiniteParameter) {

    static StepResult applied(double clippedFraction) {
        return new StepResult(clippedFraction, false, null);
    }

    static StepResult skipped(String parameter) {
        return new StepResult(0, true, parameter);
    }
}
