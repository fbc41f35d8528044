package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.ReadmeExamples;

/**
 * The README's Java example compiles against the engine and runs: the first {@code java} block of the API section
 * is compiled with the system compiler on the test classpath, its {@code main} is run, and the loss it prints
 * must be a finite, positive number.
 */
class ReadmeExampleTest {

    @Test
    void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String printed = ReadmeExamples.compileAndRun(dir, "Example", ReadmeExamples.javaBlock("api"));
        System.out.print("README example printed: " + printed);
        Matcher loss = Pattern.compile("loss (\\S+) nats").matcher(printed);
        assertTrue(loss.find(), "the example printed no loss: " + printed);
        double value = Double.parseDouble(loss.group(1));
        assertTrue(Double.isFinite(value) && value > 0, "loss " + value);
        assertEquals(1, printed.lines().count(), printed);
    }
}
