package org.recurrent4j.text;

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
 * The README's embedding example for the character model compiles and runs: the first {@code java} block of the
 * charlm section is compiled on the test classpath and run with a temporary model file as its argument.
 */
class ReadmeCharModelExampleTest {

    static String example(String readme) {
        int start = readme.indexOf("<!-- section: charlm -->");
        assertTrue(start >= 0, "README.md has no charlm section");
        int end = readme.indexOf("<!-- section:", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "the charlm section has no java block");
        return m.group(1);
    }

    @Test
    void theEmbeddingExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("CharDemo.java");
        Files.writeString(file, example(Files.readString(Path.of("README.md"))));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "--add-modules", "jdk.incubator.vector", "-d", dir.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            assertTrue(ok, "the README example does not compile: " + diagnostics.getDiagnostics());
        }
        Path model = dir.resolve("demo.r4j");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            loader.loadClass("CharDemo").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {model.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.print("README CharDemo printed:\n" + printed);
        assertTrue(printed.contains("step 300: loss "), printed);
        assertTrue(printed.contains(" bits per character, perplexity "), printed);
        assertTrue(printed.contains("argmax: "), printed);
        assertTrue(Files.isRegularFile(model));
    }
}
