package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process through {@link Main#run} and checks the shape of its failures. */
final class Cli {
    /** Exit code and output of one run. */
    record Run(int code, String out, String err) {
        /** A failure reported as exactly one line on stderr that contains {@code message}, without a stack trace. */
        Run assertFailure(int expectedCode, String message) {
            assertEquals(expectedCode, code, "exit code; stderr: " + err);
            String[] lines = err.strip().split("\\R");
            assertEquals(1, lines.length, "one line on stderr: " + err);
            assertTrue(lines[0].startsWith("recurrent4j "), err);
            assertTrue(err.contains(message), "stderr should contain '" + message + "': " + err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
            return this;
        }
    }

    private Cli() {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
