package org.recurrent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The CLI in a fresh JVM on this test's class path, for what only a separate process shows (locks, pipes, exit codes). */
final class Jvm {
    private Jvm() {}

    /** The command line that runs {@code recurrent4j args} with the Vector API and native access. */
    static List<String> command(String... args) {
        return withHeap("-Xmx256m", args);
    }

    /** As {@link #command(String...)}, with the heap limit {@code xmx}. */
    static List<String> withHeap(String xmx, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", xmx,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Starts {@code recurrent4j args} in {@code dir}, its stderr to {@code err}. */
    static Process start(Path dir, Path err, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(dir.toFile()).redirectError(err.toFile()).start();
    }
}
