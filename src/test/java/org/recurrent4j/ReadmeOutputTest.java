package org.recurrent4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output the README shows is what its command prints. Each {@code console} block of README.md holds
 * commands ({@code $ target/recurrent4j ...}), each followed by the lines it prints: its standard output, then the
 * last line of its standard error (the closing status line of {@code train}; the JVM's warning about incubator
 * modules is left out). A first line {@code ...} means the lines shown are the last ones. The commands run in
 * order, in one directory holding {@code data/} with the demo's texts, each in a JVM with 256-bit vectors, since
 * the order of summation, and so every digit of a trained model, depends on the vector width. Speeds
 * ({@code N chars/s}) may differ, and spaces at the ends of lines are ignored. On a mismatch the message holds
 * the block as it should read.
 * Skipped when ../shared/data/samples.txt is absent or the CPU has no 256-bit vectors.
 */
class ReadmeOutputTest {
    private static final Path DATA = Path.of("../shared/data");
    private static final String PROMPT = "$ target/recurrent4j ";
    private static final String TAIL = "...";
    private static final Pattern BLOCK = Pattern.compile("```console\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern SPEED = Pattern.compile("[\\d,]+ chars/s");

    /** One command and the lines the README shows for it. */
    private record Shown(String command, List<String> lines) {
        boolean tail() {
            return !lines.isEmpty() && lines.getFirst().equals(TAIL);
        }

        List<String> expected() {
            return tail() ? lines.subList(1, lines.size()) : lines;
        }
    }

    @Test
    void everyShownOutputIsWhatTheCommandPrints(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(DATA.resolve("samples.txt")),
                () -> "skipped: " + DATA.toAbsolutePath().normalize() + "/samples.txt is absent");
        assumeTrue(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256,
                "skipped: this CPU has no 256-bit vectors, the width the README's outputs were made with");
        List<Shown> shown = shownOutputs(Files.readString(Path.of("README.md")));
        assertFalse(shown.isEmpty(), "README.md has no console block");
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String name : List.of("samples.txt", "tinyshakespeare.txt")) {
            if (Files.isRegularFile(DATA.resolve(name))) Files.copy(DATA.resolve(name), data.resolve(name));
        }
        List<String> wrong = new ArrayList<>();
        for (Shown s : shown) {
            List<String> printed = run(dir, s.command());
            int from = s.tail() ? Math.max(0, printed.size() - s.expected().size()) : 0;
            List<String> actual = printed.subList(from, printed.size());
            if (!normalised(actual).equals(normalised(s.expected()))) {
                List<String> block = new ArrayList<>();
                block.add(PROMPT + s.command());
                if (s.tail()) block.add(TAIL);
                block.addAll(actual);
                wrong.add(String.join("\n", block)
                        + (s.tail() ? "\n(all it printed:\n" + String.join("\n", printed) + ")" : ""));
            }
        }
        if (!wrong.isEmpty()) {
            fail("README.md shows outputs that its commands no longer print (with 256-bit vectors). Replace them by:\n"
                    + String.join("\n\n", wrong));
        }
    }

    @Test
    void theTranscriptFormatIsRead() {
        String readme = "text\n```console\n$ target/recurrent4j eval --model \"my model.r4j\"\nnats 1\n"
                + "$ target/recurrent4j train\n...\nlast\n```\n";
        List<Shown> shown = shownOutputs(readme);
        assertEquals(2, shown.size());
        assertEquals(List.of("eval", "--model", "my model.r4j"), arguments(shown.get(0).command()));
        assertEquals(List.of("nats 1"), shown.get(0).expected());
        assertEquals(List.of("last"), shown.get(1).expected());
        assertEquals(List.of("train 5 … chars/s"), normalised(List.of("train 5 153,825 chars/s ")));
    }

    private static List<Shown> shownOutputs(String readme) {
        List<Shown> shown = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            String command = null;
            List<String> lines = new ArrayList<>();
            for (String line : m.group(1).split("\n", -1)) {
                if (line.startsWith(PROMPT)) {
                    if (command != null) shown.add(new Shown(command, lines));
                    command = line.substring(PROMPT.length());
                    lines = new ArrayList<>();
                } else if (command != null) {
                    lines.add(line);
                }
            }
            if (command != null) shown.add(new Shown(command, lines));
        }
        return shown;
    }

    /** Words of a shell command line; double quotes group words, as the README's commands use them. */
    private static List<String> arguments(String command) {
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command);
        while (m.find()) args.add(m.group(1) != null ? m.group(1) : m.group(2));
        return args;
    }

    /** Standard output, then the last line of standard error other than the JVM's own warnings. */
    private static List<String> run(Path dir, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Drecurrent4j.vectorBits=256", "-cp", System.getProperty("java.class.path"),
                "org.recurrent4j.cli.Main"));
        cmd.addAll(arguments(command));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        int code = p.waitFor();
        List<String> lines = new ArrayList<>(Files.readString(out, StandardCharsets.UTF_8).lines().toList());
        List<String> errors = Files.readString(err, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING:")).toList();
        assertEquals(0, code, "recurrent4j " + command + " failed:\n" + String.join("\n", errors));
        if (!errors.isEmpty()) lines.add(errors.getLast());
        return lines;
    }

    private static List<String> normalised(List<String> lines) {
        return lines.stream().map(l -> SPEED.matcher(l.stripTrailing()).replaceAll("… chars/s")).toList();
    }
}
