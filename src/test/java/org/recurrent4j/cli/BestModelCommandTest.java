package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.ModelFile;

/**
 * {@code train --keep-best} keeps the checkpoint of the best validation loss in NAME.best.r4j, {@code --patience K}
 * stops after K validations without improvement, and the last line names the best step and its loss.
 */
class BestModelCommandTest {
    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        return Files.writeString(dir.resolve("corpus.txt"),
                "the cat sat on the mat.\nthe hat is on the cat.\na mat, a hat, a cat.\n".repeat(12));
    }

    private static List<JsonObject> metrics(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private String[] args(Path data, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--batch", "4", "--seq",
                "8", "--hidden", "8", "--embed", "4", "--report-every", "2", "--sample-every", "0", "--seed", "3"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void theBestFileHoldsTheRunAtItsBestValidationStep() throws IOException {
        Path data = corpus();
        Path out = dir.resolve("m.r4j");
        Path log = dir.resolve("m.jsonl");
        Cli.Run r = Cli.run(args(data, "--steps", "40", "--lr", "0.05", "--keep-best", "--out", out.toString(),
                "--metrics", log.toString()));
        assertEquals(0, r.code(), r.err());
        JsonObject best = null;
        for (JsonObject o : metrics(log)) {
            if (best == null || o.get("valLoss").getAsDouble() < best.get("valLoss").getAsDouble()) best = o;
        }
        long step = best.get("step").getAsLong();
        Path bestFile = dir.resolve("m.best.r4j");
        assertEquals(step, Checkpoint.load(bestFile).trainer().step());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains(String.format(Locale.ROOT, "best validation loss %.4f at step %d, kept in %s",
                best.get("valLoss").getAsDouble(), step, bestFile)), last);

        // the same run stopped at that step is the model in the best file, bit for bit
        Path cut = dir.resolve("cut.r4j");
        assertEquals(0, Cli.run(args(data, "--steps", "" + step, "--lr", "0.05", "--out", cut.toString(), "--quiet"))
                .code());
        ResumeCommandTest.assertBitForBit(ModelFile.load(cut), ModelFile.load(bestFile));
        assertEquals("true", ModelFile.load(out).training().get("keepBest"));
    }

    @Test
    void patienceStopsAfterKValidationsWithoutImprovement() throws IOException {
        Path out = dir.resolve("p.r4j");
        Path log = dir.resolve("p.jsonl");
        // no weight decay and a rate too small to move a weight: every validation loss is the first one
        Cli.Run r = Cli.run(args(corpus(), "--steps", "100", "--lr", "1e-30", "--regc", "0", "--patience", "3",
                "--keep-best", "--out", out.toString(), "--metrics", log.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonObject> lines = metrics(log);
        assertEquals(4, lines.size(), "a best, then 3 validations without improvement");
        assertEquals(8, ModelFile.load(out).step());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("train: stopped at step 8 after 3 validations without improvement (--patience 3)")
                && last.contains("at step 2, kept in"), last);
        assertEquals(2, ModelFile.load(dir.resolve("p.best.r4j")).step());
        assertEquals("3", ModelFile.load(out).training().get("patience"));

        // resuming it would stop at once: refused, unless the patience is raised
        Cli.run("train", "--resume", out.toString(), "--steps", "200").assertFailure(2,
                out + " stopped after 3 validations without improvement (best validation loss ");
        Cli.Run more = Cli.run("train", "--resume", out.toString(), "--steps", "200", "--patience", "4", "--quiet");
        assertEquals(0, more.code(), more.err());
        assertEquals(10, ModelFile.load(out).step());
    }

    @Test
    void sentenceModeHasNoValidationAndSaysSo() throws IOException {
        Path data = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES);
        for (String flag : List.of("--keep-best", "--patience")) {
            List<String> a = new java.util.ArrayList<>(List.of("train", "--sentences", data.toString(), "--out",
                    dir.resolve("s.r4j").toString(), flag));
            if (flag.equals("--patience")) a.add("2");
            Cli.run(a.toArray(String[]::new)).assertFailure(2, flag + ": needs the validation loss, which only corpus "
                    + "mode (--data) measures");
        }
        Cli.run("train", "--data", data.toString(), "--patience", "-1", "--out", dir.resolve("s.r4j").toString())
                .assertFailure(2, "--patience: must be at least 0, got -1");
        assertFalse(Files.exists(dir.resolve("s.r4j")));
    }

    @Test
    void anExistingBestFileIsReplacedOnlyWithForceOrByItsOwnRun() throws IOException {
        Path data = corpus();
        Path out = dir.resolve("b.r4j");
        Path best = Files.writeString(dir.resolve("b.best.r4j"), "someone's notes");
        Cli.run(args(data, "--steps", "4", "--keep-best", "--out", out.toString())).assertFailure(2,
                "--keep-best: " + best + " already exists; give --force to replace it, or another --out");
        assertEquals("someone's notes", Files.readString(best));
        assertFalse(Files.exists(out));
        assertEquals(0, Cli.run(args(data, "--steps", "4", "--keep-best", "--force", "--quiet", "--out",
                out.toString())).code());
        assertEquals(4, ModelFile.load(best).step());
        // its own run, resumed in place, replaces it; a resume to another --out does not
        assertEquals(0, Cli.run("train", "--resume", out.toString(), "--steps", "8", "--quiet").code());
        assertEquals(8, ModelFile.load(best).step());
        Files.writeString(dir.resolve("c.best.r4j"), "x");
        Cli.run("train", "--resume", out.toString(), "--steps", "12", "--out", dir.resolve("c.r4j").toString())
                .assertFailure(2, "--keep-best: " + dir.resolve("c.best.r4j") + " already exists");
        // the best file is never an input
        Cli.run("train", "--resume", best.toString(), "--steps", "12", "--out", out.toString(), "--force")
                .assertFailure(2, "--keep-best " + best + ": is the same file as --resume " + best);
    }

    @Test
    void anotherRunWritingTheBestFileIsNamed() throws IOException {
        Path out = dir.resolve("l.r4j");
        Path best = dir.resolve("l.best.r4j");
        try (RunLock held = RunLock.acquire(best, "--keep-best")) {
            Cli.run(args(corpus(), "--steps", "4", "--keep-best", "--out", out.toString())).assertFailure(1,
                    "--keep-best " + best + ": another recurrent4j run (process " + ProcessHandle.current().pid()
                            + ") is writing it; wait for it to end, or give another --out");
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void theBestFileIsNamedAfterTheOutput() {
        assertEquals(Path.of("runs/m.best.r4j"), TrainCommand.bestFile(Path.of("runs/m.r4j")));
        assertEquals(Path.of("model.bin.best.r4j"), TrainCommand.bestFile(Path.of("model.bin")));
    }
}
