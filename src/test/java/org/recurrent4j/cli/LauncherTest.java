package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script src/main/sh/recurrent4j, run against a jar that points at this build's classes: help and
 * version print nothing on stderr (no incubator warning), and the commands that compute run on the Vector API.
 */
class LauncherTest {
    @TempDir
    Path dir;

    @BeforeEach
    void launcherBesideAJar() throws IOException {
        Files.copy(Path.of("src/main/sh/recurrent4j"), dir.resolve("recurrent4j"));
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        a.putValue("Enable-Native-Access", "ALL-UNNAMED");
        // the class path relative to the jar, as the manifest wants it; directories end with a slash
        a.put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).map(p -> dir.toAbsolutePath().relativize(p.toAbsolutePath()).toString()
                        + (Files.isDirectory(p) ? "/" : ""))
                .collect(Collectors.joining(" ")));
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("recurrent4j.jar")), manifest)) {
            out.flush();
        }
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", dir.resolve("recurrent4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Run(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void helpAndVersionWriteNothingToStderr() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"}, new String[] {"train", "--help"},
                new String[] {"help", "sample"}, new String[] {"eval", "-h"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.err(), String.join(" ", args));
            assertTrue(!r.out().isBlank(), String.join(" ", args));
        }
    }

    @Test
    void theCommandsRunOnTheVectorApi() throws Exception {
        Run r = run("info");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kernels         vector"), r.out());
    }
}
