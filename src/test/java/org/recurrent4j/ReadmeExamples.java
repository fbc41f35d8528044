package org.recurrent4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/** Runs the README's Java examples, so that the documentation cannot rot: extract, compile, run, capture stdout. */
public final class ReadmeExamples {
    private ReadmeExamples() {}

    /** The first ```java block between {@code <!-- section: NAME -->} and the next section marker of README.md. */
    public static String javaBlock(String section) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("<!-- section: " + section + " -->");
        assertTrue(start >= 0, "README.md has no " + section + " section");
        int end = readme.indexOf("<!-- section:", start + 1);
        String text = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), "the " + section + " section has no java block");
        return m.group(1);
    }

    /**
     * Compiles {@code source} as {@code className} in {@code dir} against the test class path, runs its main with
     * {@code args}, and returns what it printed on stdout.
     */
    public static String compileAndRun(Path dir, String className, String source, String... args) throws Exception {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "--add-modules", "jdk.incubator.vector", "-d", dir.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            assertTrue(ok, "the README example " + className + " does not compile: " + diagnostics.getDiagnostics());
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ReadmeExamples.class.getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
