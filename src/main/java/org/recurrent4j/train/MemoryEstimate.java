package org.recurrent4j.train;

import java.util.List;
import java.util.Locale;

/**
 * About how much heap a training run needs, worked out before anything is allocated: the parameters with their
 * gradients and optimizer state, and the buffers the graph keeps for one step (every time step's values and their
 * gradients, and the inputs and output gradients gathered for the weight products; with dropout, the dropped
 * copies and their masks), for batch B and T unrolled steps. {@link #largestMatrix()} is the largest parameter, which must fit one Java array.
 */
public record MemoryEstimate(long parameterBytes, long stepBytes, long largestMatrix) {
    /** The elements a Java array can hold. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The estimate for a run of {@code settings} over {@code outputs} outputs (the vocabulary with START/END)
     * unrolling {@code unrolledSteps} time steps per training step.
     */
    public static MemoryEstimate of(RunSettings settings, long outputs, long unrolledSteps) {
        long embed = settings.embed();
        List<long[]> shapes = settings.kind().parameterShapes(embed, settings.hidden(), outputs);
        long parameters = outputs * embed; // Wil
        long largest = parameters;
        long gathered = outputs + embed; // the embedding's rows and their gradients, per column and step
        for (long[] s : shapes) {
            parameters = add(parameters, mul(s[0], s[1]));
            largest = Math.max(largest, mul(s[0], s[1]));
            if (s[1] > 1) gathered = add(gathered, s[0] + s[1]);
        }
        int optimizerWidth = switch (settings.optimizer()) {
            case "adam" -> 2;
            case "rmsprop" -> 1;
            default -> 0;
        };
        // Corpus mode trains the kinds that have one in their whole-sequence form, which gathers nothing.
        boolean sequence = !(settings.data() instanceof TrainingData.Sentences) && settings.kind().hasSequenceForm();
        long perColumnStep = sequence ? settings.kind().sequenceStepValues(settings.hidden(), outputs)
                : add(mul(2, add(embed, settings.kind().stepValues(embed, settings.hidden(), outputs))), gathered);
        if (settings.config().dropout() > 0) {
            // each layer's output once more after dropout, its gradient and its mask (the step form gathers it too)
            long dropped = settings.hidden().stream().mapToLong(Integer::longValue).sum();
            perColumnStep = add(perColumnStep, mul(sequence ? 3 : 4, dropped));
        }
        long columnSteps = mul(settings.config().batch(), unrolledSteps);
        return new MemoryEstimate(mul(mul(parameters, 2 + optimizerWidth), Float.BYTES),
                mul(mul(perColumnStep, columnSteps), Float.BYTES), largest);
    }

    /** The whole estimate, in bytes (saturating at Long.MAX_VALUE). */
    public long bytes() {
        return add(parameterBytes, stepBytes);
    }

    /** Bytes as people read them: {@code 1.3 GB}, {@code 840 MB}. */
    public static String format(long bytes) {
        if (bytes == Long.MAX_VALUE) return "more than 9 EB";
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    private static long mul(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
