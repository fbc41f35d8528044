package org.recurrent4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/fetch-data.sh, run against a local mirror laid out as raw.githubusercontent.com is (a file:// URL, so
 * nothing is downloaded): it writes both files when their checksums match, keeps files already present without
 * fetching again, and writes nothing under a file's name when the download's checksum is wrong or when a file with
 * another checksum is already there. Skipped without bash and curl; the fetch itself is skipped when the local
 * copies of the data in ../shared/data are absent.
 */
class FetchDataScriptTest {
    private static final Path SCRIPT = Path.of("scripts/fetch-data.sh");
    private static final Path DATA = Path.of("../shared/data");
    private static final String SAMPLES =
            "Andy-P/RecurrentNN.jl/aa7f81dbb4d13992d1eecc39b38b2be2f7617f6b/example/samples.txt";
    private static final String SHAKESPEARE =
            "karpathy/char-rnn/370cbcd448eb7daf32f21a6be560b70e0b33c4e3/data/tinyshakespeare/input.txt";

    private record Result(int code, String out, String err) {}

    @BeforeAll
    static void needsBashAndCurl() {
        assumeTrue(onPath("bash") && onPath("curl"), "skipped: bash or curl is not on the PATH");
    }

    @Test
    void fetchesBothFilesThenKeepsThem(@TempDir Path dir) throws Exception {
        Path samples = DATA.resolve("samples.txt");
        Path shakespeare = DATA.resolve("tinyshakespeare.txt");
        assumeTrue(Files.isRegularFile(samples) && Files.isRegularFile(shakespeare),
                () -> "skipped: " + DATA.toAbsolutePath() + " does not hold samples.txt and tinyshakespeare.txt");
        Path mirror = dir.resolve("mirror");
        place(mirror.resolve(SAMPLES), samples);
        place(mirror.resolve(SHAKESPEARE), shakespeare);
        Path dest = dir.resolve("data");

        Result first = fetch(mirror.toUri().toString(), dest);
        assertEquals(0, first.code(), first.err());
        assertArrayEquals(Files.readAllBytes(samples), Files.readAllBytes(dest.resolve("samples.txt")));
        assertArrayEquals(Files.readAllBytes(shakespeare), Files.readAllBytes(dest.resolve("tinyshakespeare.txt")));
        assertEquals(List.of("samples.txt", "tinyshakespeare.txt"), names(dest));

        // a source that does not exist: both files are kept as they are, so nothing is fetched
        Result second = fetch(dir.resolve("nowhere").toUri().toString(), dest);
        assertEquals(0, second.code(), second.err());
        assertEquals(2, second.out().lines().filter(l -> l.contains("checksum matches")).count(), second.out());
    }

    @Test
    void aDownloadWithTheWrongChecksumWritesNothing(@TempDir Path dir) throws Exception {
        Path mirror = dir.resolve("mirror");
        Files.createDirectories(mirror.resolve(SAMPLES).getParent());
        Files.writeString(mirror.resolve(SAMPLES), "not the sentences\n");
        Path dest = dir.resolve("data");

        Result r = fetch(mirror.toUri().toString(), dest);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("expected 6cb0208891cd709f1a4447f4efa065e1fa6fe4c30276a6bee93921c932005330; "
                + "nothing written"), r.err());
        assertTrue(r.err().contains("could not download"), "the missing second file is reported too: " + r.err());
        assertEquals(List.of(), names(dest), "no file and no partial download is left");
    }

    @Test
    void aFileAlreadyThereWithAnotherChecksumIsLeftAlone(@TempDir Path dir) throws Exception {
        Path dest = dir.resolve("data");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("samples.txt"), "my own sentences\n");
        Files.writeString(dest.resolve("tinyshakespeare.txt"), "my own play\n");

        Result r = fetch(dir.resolve("nowhere").toUri().toString(), dest);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("samples.txt exists but its SHA-256 is not"), r.err());
        assertEquals("my own sentences\n", Files.readString(dest.resolve("samples.txt")));
        assertEquals("my own play\n", Files.readString(dest.resolve("tinyshakespeare.txt")));
    }

    private static Result fetch(String url, Path dest) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
        Map<String, String> env = pb.environment();
        env.put("RECURRENT4J_DATA_URL", url.replaceAll("/$", ""));
        env.put("RECURRENT4J_DATA_DIR", dest.toString());
        Path out = Files.createTempFile(dest.getParent(), "out", ".txt");
        Path err = Files.createTempFile(dest.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A copy in the temporary mirror (a symbolic link would draw a warning from JUnit's clean-up). */
    private static void place(Path copy, Path original) throws IOException {
        Files.createDirectories(copy.getParent());
        Files.copy(original, copy);
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
