package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.ReadmeExamples;

/**
 * The README's embedding example for the character model compiles and runs: the first {@code java} block of the
 * charlm section is compiled on the test classpath and run with a temporary model file as its argument.
 */
class ReadmeCharModelExampleTest {

    @Test
    void theEmbeddingExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("demo.r4j");
        String printed = ReadmeExamples.compileAndRun(dir, "CharDemo", ReadmeExamples.javaBlock("charlm"),
                model.toString());
        System.out.print("README CharDemo printed:\n" + printed);
        assertTrue(printed.contains("step 300: loss "), printed);
        assertTrue(printed.contains(" bits per character, perplexity "), printed);
        assertTrue(printed.contains("argmax: "), printed);
        assertTrue(Files.isRegularFile(model));
    }
}
