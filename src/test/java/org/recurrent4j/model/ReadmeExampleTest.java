package org.recurrent4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example compiles against the engine and runs: the first {@code java} block of the API section
 * is compiled with the system compiler on the test classpath, its {@code main} is run, and the loss it prints
 * must be a finite, positive number.
 */
class ReadmeExampleTest {

    /** The first ```java block between the api section marker and the next section marker. */
    static String example(String readme) {
        int start = readme.indexOf("<!-- section: api -->");
        assertTrue(start >= 0, "README.md has no api section");
        int end = readme.indexOf("<!-- section:", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "the api section has no java block");
        return m.group(1);
    }

    @Test
    void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String source = example(Files.readString(Path.of("README.md")));
        Path file = dir.resolve("Example.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "--add-modules", "jdk.incubator.vector", "-d", dir.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            assertTrue(ok, "the README example does not compile: " + diagnostics.getDiagnostics());
        }

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            loader.loadClass("Example").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.print("README example printed: " + printed);
        Matcher loss = Pattern.compile("loss (\\S+) nats").matcher(printed);
        assertTrue(loss.find(), "the example printed no loss: " + printed);
        double value = Double.parseDouble(loss.group(1));
        assertTrue(Double.isFinite(value) && value > 0, "loss " + value);
        assertEquals(1, printed.lines().count(), printed);
    }
}
