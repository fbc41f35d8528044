package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --quiet means quiet in a JVM of its own, where a small heap collects garbage before the kernels are chosen: the
 * kernel line, which the library logs, must stay hidden however early a collection comes.
 */
class QuietTest {
    @TempDir
    Path dir;

    private List<String> stderr(String... args) throws Exception {
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Jvm.withHeap("-Xmx24m", args)).directory(dir.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readAllLines(err).stream().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }

    @Test
    void aQuietResumeToAnotherFileWritesNothingToStderr() throws Exception {
        Path data = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES.repeat(200));
        assertEquals(List.of(), stderr("train", "--sentences", data.toString(), "--steps", "3", "--hidden", "40,40",
                "--quiet", "--sample-every", "0", "--out", "m.r4j"));
        assertEquals(List.of(), stderr("train", "--resume", "m.r4j", "--steps", "5", "--out", "other.r4j", "--quiet",
                "--sample-every", "0"));
        assertEquals(List.of(), stderr("eval", "--model", "other.r4j", "--sentences", data.toString()));
        assertEquals(List.of(), stderr("sample", "--model", "other.r4j", "--count", "2"));
    }
}
