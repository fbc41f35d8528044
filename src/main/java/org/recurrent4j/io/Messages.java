package org.recurrent4j.io;

/** Turns a library's exception into text for a one-line error message. */
final class Messages {
    private Messages() {}

    /** The first line of the exception's message (Gson appends a troubleshooting link on a second line). */
    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** A JSON syntax error from Gson in a reader's words: what and where, without Gson's advice and path. */
    static String jsonError(Throwable e) {
        return firstLine(e).replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "malformed JSON").replaceAll(" path \\S*$", "");
    }
}
