package org.recurrent4j.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * Standard output failed (a full disk, a closed pipe): what a command printed is lost, so it stops and exits
 * non-zero. A closed pipe ({@code recurrent4j sample | head}) ends the program quietly with exit code 141, as
 * SIGPIPE ends a C program; any other failure is one line and exit code 1.
 */
final class OutputLost extends RuntimeException {
    /** The shell's code for a process ended by SIGPIPE (128 + 13). */
    static final int BROKEN_PIPE = 141;

    OutputLost() {
        super("cannot write to standard output", null, false, false);
    }

    /** Stops the command if {@code out} has failed (PrintWriter keeps its errors to itself until asked). */
    static void check(PrintWriter out) {
        if (out.checkError()) throw new OutputLost();
    }

    /** Whether {@code e} is the error of a write to a pipe whose reader has gone. */
    static boolean brokenPipe(IOException e) {
        return e != null && e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /** Standard output as a stream that remembers its first failure, so that the message can name it. */
    static final class Recording extends FilterOutputStream {
        private volatile IOException failure;

        Recording(OutputStream out) {
            super(out);
        }

        IOException failure() {
            return failure;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (failure == null) failure = e;
            return e;
        }
    }
}
