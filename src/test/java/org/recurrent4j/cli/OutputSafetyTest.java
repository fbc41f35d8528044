package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.ModelFile;

/** No command loses a file it was given: not an input named as the output, not a finished model, not another run's. */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private Path sentences() throws IOException {
        return Files.writeString(dir.resolve("notes.txt"), TrainCommandTest.SENTENCES);
    }

    private static String[] tiny(String... more) {
        String[] base = {"train", "--steps", "3", "--hidden", "4", "--quiet", "--sample-every", "0"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return args;
    }

    private static String[] resume(String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "train";
        args[1] = "--quiet";
        args[2] = "--sample-every=0";
        System.arraycopy(more, 0, args, 3, more.length);
        return args;
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path notes = sentences();
        byte[] text = Files.readAllBytes(notes);
        Cli.run(tiny("--sentences", notes.toString(), "--out", notes.toString()))
                .assertFailure(2, "--out " + notes + ": is the same file as --sentences " + notes);
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), notes.getFileName());
        Cli.run(tiny("--sentences", notes.toString(), "--out", link.toString(), "--force"))
                .assertFailure(2, "is the same file as --sentences");
        Cli.run(tiny("--data", notes.toString(), "--metrics", notes.toString(), "--out", dir.resolve("m.r4j").toString()))
                .assertFailure(2, "--metrics " + notes + ": is the same file as --data");
        assertArrayEquals(text, Files.readAllBytes(notes));

        Path model = dir.resolve("m.r4j");
        assertEquals(0, Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString())).code());
        byte[] checkpoint = Files.readAllBytes(model);
        Cli.run("export", "--model", model.toString(), "--out", model.toString())
                .assertFailure(2, "--out " + model + ": is the same file as --model " + model);
        Cli.run(resume("--resume", model.toString(), "--steps", "5", "--metrics", model.toString()))
                .assertFailure(2, "--metrics " + model + ": is the same file as --resume");
        assertArrayEquals(checkpoint, Files.readAllBytes(model));

        Path json = dir.resolve("m.json");
        assertEquals(0, Cli.run("export", "--model", model.toString(), "--out", json.toString()).code());
        byte[] exported = Files.readAllBytes(json);
        Cli.run("import", json.toString(), "--out", json.toString())
                .assertFailure(2, "--out " + json + ": is the same file as the input " + json);
        assertArrayEquals(exported, Files.readAllBytes(json));
    }

    @Test
    void anExportToAFifoIsWrittenThroughAndTheFifoKept() throws Exception {
        Path notes = sentences();
        Path model = dir.resolve("m.r4j");
        assertEquals(0, Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString())).code());
        Path fifo = dir.resolve("model.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "skipped: mkfifo failed here");
        var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Cli.Run r = Cli.run("export", "--model", model.toString(), "--out", fifo.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(read.get(60, TimeUnit.SECONDS).startsWith("{\"hidden_sizes\":[4]"));
        assertEquals(0010000, (Integer) Files.getAttribute(fifo, "unix:mode") & 0170000, "still a FIFO");
    }

    @Test
    void trainDoesNotReplaceAModelItDidNotWriteUnlessForced() throws IOException {
        Path notes = sentences();
        Path model = dir.resolve("model.r4j");
        assertEquals(0, Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString())).code());
        byte[] first = Files.readAllBytes(model);
        Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString(), "--seed", "2"))
                .assertFailure(2, "--out " + model + ": already exists; give --force to replace it, --resume " + model
                        + " to continue its training, or another --out");
        assertArrayEquals(first, Files.readAllBytes(model));
        Path other = dir.resolve("other.r4j");
        Files.writeString(other, "a file of its own");
        Cli.run(resume("--resume", model.toString(), "--steps", "5", "--out", other.toString()))
                .assertFailure(2, "--out " + other + ": already exists");
        assertEquals("a file of its own", Files.readString(other));

        Cli.Run r = Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString(), "--seed", "2", "--force"));
        assertEquals(0, r.code(), r.err());
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(model)), "replaced when asked");
        r = Cli.run(resume("--resume", model.toString(), "--steps", "5"));
        assertEquals(0, r.code(), r.err());
        assertEquals(5, ModelFile.load(model).step(), "a resume continues its own file");
    }

    @Test
    void aMetricsFileThatHoldsSomethingElseIsKept() throws IOException {
        Path notes = sentences();
        Path log = Files.writeString(dir.resolve("log.txt"), "my own notes\n");
        Cli.run(tiny("--sentences", notes.toString(), "--out", dir.resolve("a.r4j").toString(), "--metrics", log.toString(),
                "--report-every", "1")).assertFailure(2, "--metrics " + log + ": exists and holds no metrics; give --force");
        assertEquals("my own notes\n", Files.readString(log));
        Path metrics = dir.resolve("m.jsonl");
        for (String name : new String[] {"b.r4j", "c.r4j"}) { // an earlier metrics file is replaced
            Cli.Run r = Cli.run(tiny("--sentences", notes.toString(), "--out", dir.resolve(name).toString(), "--metrics",
                    metrics.toString(), "--report-every", "1"));
            assertEquals(0, r.code(), r.err());
            assertEquals(3, Files.readAllLines(metrics).size());
        }
    }

    @Test
    void aSecondRunOnTheSameOutputRefusesNamingTheFirst() throws Exception {
        Path notes = sentences();
        Path model = dir.resolve("model.r4j");
        Path err = dir.resolve("first.err");
        Process first = Jvm.start(dir, err, "train", "--sentences", notes.toString(), "--hidden", "4", "--minutes", "2",
                "--quiet", "--sample-every", "0", "--save-every", "0", "--out", model.toString());
        try {
            Path lock = RunLock.lockFile(model);
            String pid = Long.toString(first.pid());
            long waited = 0;
            while (!(Files.exists(lock) && Files.readString(lock).strip().equals(pid))) {
                if (!first.isAlive()) fail("the first run ended: " + Files.readString(err));
                if (waited++ > 1200) fail("the first run did not take its lock");
                Thread.sleep(50);
            }
            Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString(), "--force"))
                    .assertFailure(1, "--out " + model + ": another recurrent4j run (process " + pid + ") is writing it");
            assertFalse(Files.exists(model), "the second run wrote nothing");
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        }
        // killed, the first run left its lock file; the lock itself went with its process
        Cli.Run r = Cli.run(tiny("--sentences", notes.toString(), "--out", model.toString(), "--force"));
        assertEquals(0, r.code(), r.err());
        assertEquals("", Files.readString(RunLock.lockFile(model)), "a run empties its lock file when it ends");
    }
}
