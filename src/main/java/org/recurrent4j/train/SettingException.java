package org.recurrent4j.train;

/**
 * A training setting that breaks its rule. Settings are named as the command line names their options
 * ({@code --lr}, {@code --hidden}), so that the message reads the same from the API and from the CLI:
 * {@code --lr: must be a positive finite number, got -1.0}.
 */
public final class SettingException extends IllegalArgumentException {
    private final String setting;
    private final String problem;
    private final String value;

    /** {@code value} is the refused value as text, or null when {@code problem} already names it. */
    public SettingException(String setting, String problem, String value) {
        super(setting + ": " + problem + (value == null ? "" : ", got " + value));
        this.setting = setting;
        this.problem = problem;
        this.value = value;
    }

    /** The setting, e.g. {@code --lr}. */
    public String setting() {
        return setting;
    }

    /** The rule it breaks, e.g. {@code must be a positive finite number}. */
    public String problem() {
        return problem;
    }

    /** The refused value as text, or null when the problem names it. */
    public String value() {
        return value;
    }

    /** Throws for {@code setting} when {@code problem} (a rule's verdict) is not null. */
    static void check(String setting, String problem, Object value) {
        if (problem != null) throw new SettingException(setting, problem, String.valueOf(value));
    }

    /** Throws for {@code setting} unless {@code value >= min}. */
    static void atLeast(String setting, long value, long min) {
        if (value < min) throw new SettingException(setting, "must be at least " + min, Long.toString(value));
    }
}
