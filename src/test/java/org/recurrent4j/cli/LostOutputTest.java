package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.StrictJsonParser;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.TmpFs;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SentenceData;

/**
 * Output that cannot be written is never lost in silence: a command whose result is lost exits non-zero (quietly
 * with 141 at a closed pipe, as SIGPIPE would end it), and a run whose metrics or samples fail warns once and goes
 * on to its final save. Every JSON printed is strict JSON.
 */
class LostOutputTest {
    @TempDir
    Path dir;

    /** A writer that fails as a full disk does once {@code room} characters are written. */
    private static Writer full(int room) {
        return new Writer() {
            private int written;

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                written += len;
                if (written > room) throw new IOException("No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }

    private Path model(float endBias) throws IOException {
        SentenceData data = SentenceData.read(Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES));
        CharModel m = CharModel.create(data.vocabulary(), ModelKind.GRU, List.of(8), 4, Init.DEFAULT, new SplittableRandom(2));
        m.parameters().getLast().mat().set(0, 0, endBias);
        Path file = dir.resolve("m.r4j");
        ModelFile.save(file, m, java.util.Map.of(), 0);
        return file;
    }

    @Test
    void evalJsonIsStrictEvenWhenThePerplexityOverflows() throws IOException {
        Path m = model(1e4f); // END takes every prediction: e^(about 10,000) overflows
        Cli.Run r = Cli.run("eval", "--model", m.toString(), "--sentences", dir.resolve("s.txt").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        var o = StrictJsonParser.parse(r.out().strip()).getAsJsonObject();
        assertEquals("Infinity", o.get("perplexity").getAsString());
        assertTrue(o.get("nats").getAsDouble() > 1e4, r.out());
        StrictJsonParser.parse(Cli.run("info", "--json").out().strip());
    }

    @Test
    void aResultThatCannotBeWrittenIsAnError() throws IOException {
        Path m = model(0f);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"eval", "--model", m.toString(), "--sentences", dir.resolve("s.txt").toString()},
                new PrintWriter(full(0), true), new PrintWriter(err, true), () -> new IOException("No space left on device"), 0);
        assertEquals(1, code);
        assertEquals("recurrent4j eval: cannot write to standard output (No space left on device); what it printed is lost",
                err.toString().strip());
    }

    @Test
    void sampleStopsAtAClosedPipe() throws Exception {
        Path m = model(-1e4f); // END never comes: every sample runs to --length
        Process p = Jvm.start(dir, dir.resolve("err.txt"), "sample", "--model", m.toString(), "--count", "100000",
                "--length", "1000");
        p.getOutputStream().close();
        try (InputStream out = p.getInputStream()) {
            assertEquals(50, out.readNBytes(50).length);
        } // the reader goes, as head -c 50 does
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("sample went on writing to a closed pipe");
        }
        assertEquals(OutputLost.BROKEN_PIPE, p.exitValue(), Files.readString(dir.resolve("err.txt")));
        assertEquals("", Files.readString(dir.resolve("err.txt")).replaceAll("WARNING: Using incubator modules: jdk.incubator.vector\\R", ""));
    }

    @Test
    void evalIntoAClosedPipeExitsNonZero() throws Exception {
        Path m = model(0f);
        Process p = Jvm.start(dir, dir.resolve("err.txt"), "eval", "--model", m.toString(), "--sentences",
                dir.resolve("s.txt").toString());
        p.getOutputStream().close();
        p.getInputStream().close(); // nobody reads the result
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(OutputLost.BROKEN_PIPE, p.exitValue());
    }

    @Test
    void samplesThatCannotBeWrittenWarnOnceAndTrainingSaves() throws IOException {
        Path data = Files.writeString(dir.resolve("t.txt"), TrainCommandTest.SENTENCES);
        Path out = dir.resolve("t.r4j");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "--sentences", data.toString(), "--hidden", "5", "--steps", "6",
            "--sample-every", "2", "--quiet", "--out", out.toString()}, new PrintWriter(full(10), true), new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        assertEquals(List.of("train: warning: cannot write the samples to standard output; training goes on without them"),
                err.toString().lines().toList());
        assertEquals(6, ModelFile.load(out).step());
    }

    @Test
    void metricsOnAFullDiskWarnOnceAndTrainingSaves() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        TmpFs.mountOrSkip(mount, "64k");
        try {
            TmpFs.fillUpTo(mount.resolve("filler"), 0);
            Path data = Files.writeString(dir.resolve("t.txt"), TrainCommandTest.SENTENCES);
            Path out = dir.resolve("t.r4j");
            Cli.Run r = Cli.run("train", "--sentences", data.toString(), "--hidden", "5", "--steps", "6", "--report-every",
                    "1", "--sample-every", "0", "--quiet", "--metrics", mount.resolve("m.jsonl").toString(), "--out", out.toString());
            assertEquals(1, r.code(), r.err());
            List<String> lines = r.err().lines().toList();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.getFirst().startsWith("train: warning: cannot write the metrics to " + mount.resolve("m.jsonl")
                    + " (No space left on device)"), r.err());
            assertEquals(6, ModelFile.load(out).step(), "the training went on and saved");
        } finally {
            TmpFs.unmount(mount);
        }
    }
}
