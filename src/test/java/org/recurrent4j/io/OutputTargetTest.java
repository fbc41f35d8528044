package org.recurrent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a save does to what is at its path: a regular file is replaced atomically, a link's file is replaced and
 * the link kept, a FIFO or character device is written through and stays what it is, a socket is refused, and the
 * temporary files of writers that are gone are removed. The special files are made in a temporary directory.
 */
class OutputTargetTest {
    @TempDir
    Path dir;

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 0170000;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        Assumptions.assumeTrue(p.exitValue() == 0, "skipped: " + String.join(" ", command) + " failed here: " + out);
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        exec("mkfifo", fifo.toString());
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] bytes = "a model's bytes".getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(fifo, bytes);
        assertArrayEquals(bytes, read.get(30, TimeUnit.SECONDS));
        assertEquals(0010000, mode(fifo), "still a FIFO");
        assertEquals(Set.of("pipe"), names(), "no temporary file beside it");
    }

    @Test
    void aCharacterDeviceIsWrittenThroughAndStaysADevice() throws Exception {
        Path device = dir.resolve("null");
        exec("mknod", device.toString(), "c", "1", "3"); // the null device's numbers, made here, not /dev/null
        AtomicFile.write(device, new byte[1000]);
        assertEquals(0020000, mode(device), "still a character device");
        assertEquals(Set.of("null"), names());
        assertTrue(OutputFiles.writesThrough(device));
    }

    @Test
    void aSocketIsRefusedAndKept() throws IOException {
        Path socket = dir.resolve("sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            var e = assertThrows(IOException.class, () -> AtomicFile.write(socket, new byte[4]));
            assertEquals(socket + ": is a socket, not a file a model can be written to", e.getMessage());
            assertEquals(0140000, mode(socket));
            assertEquals(Set.of("sock"), names());
        }
    }

    @Test
    void aLinkKeepsPointingAtTheReplacedFile() throws IOException {
        Path real = Files.writeString(dir.resolve("real.r4j"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.r4j"), real.getFileName());
        AtomicFile.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals(Set.of("real.r4j", "link.r4j"), names());
    }

    @Test
    void temporaryFilesOfGoneWritersAreRemovedAtTheNextSave() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor(20, TimeUnit.SECONDS);
        long gone = done.pid();
        long alive = ProcessHandle.current().pid();
        List<String> stale = List.of(".m.r4j." + gone + "-123.tmp", ".m.r4j.8812345.tmp");
        List<String> kept = List.of(".m.r4j." + alive + "-456.tmp", ".m.r4j.7712345.tmp", ".other.r4j." + gone + "-1.tmp",
                ".m.r4j.5." + gone + "-2.tmp", "notes.tmp");
        for (String name : stale) Files.writeString(dir.resolve(name), "x".repeat(1000));
        for (String name : kept) Files.writeString(dir.resolve(name), "x");
        // an unnamed one from before process ids were in the name: stale once old
        Files.setLastModifiedTime(dir.resolve(".m.r4j.8812345.tmp"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        AtomicFile.write(dir.resolve("m.r4j"), new byte[10]);
        Set<String> left = names();
        for (String name : stale) assertFalse(left.contains(name), name + " removed: " + left);
        for (String name : kept) assertTrue(left.contains(name), name + " kept: " + left);
        assertEquals(kept.size() + 1, left.size(), left.toString());
    }
}
