package org.recurrent4j.text;

import java.util.Locale;

/** How a code point is named in error messages: its printable form, when it has one, and U+XXXX. */
final class CodePointNames {
    private CodePointNames() {}

    /** {@code 'é' (U+00E9)}, {@code '\n' (U+000A)}, or {@code U+200B} for invisible characters. */
    static String describe(int codePoint) {
        String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
        String escape = switch (codePoint) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\f' -> "\\f";
            default -> null;
        };
        if (escape != null) return "'" + escape + "' (" + hex + ")";
        if (codePoint == ' ') return "' ' (" + hex + ")";
        return isVisible(codePoint) ? "'" + Character.toString(codePoint) + "' (" + hex + ")" : hex;
    }

    private static boolean isVisible(int codePoint) {
        if (!Character.isValidCodePoint(codePoint)) return false;
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** 1,234 with a comma, whatever the default locale. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
