package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recurrent4j.kernel.KernelThreads;

/**
 * Sizes that cannot fit are refused before anything is allocated, in one line naming the options, the estimate and
 * the heap; an OutOfMemoryError that still happens is one line; the thread count is bounded; a value is echoed as
 * typed; eval names a sentence model's missing line break.
 */
class SizesAndHintsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--sentences|--hidden|20000|--hidden 20000 and --embed 5: the run needs about",
        "--sentences|--hidden|100000|--hidden 100000 and --embed 5: a parameter matrix would hold 10,000,000,000 values, more than a Java array can",
        "--sentences|--embed|1000000000|--embed 1000000000: a parameter matrix would hold",
        "--data|--batch|1000000|--batch 1000000 and --seq 50: the run needs about",
        "--data|--seq|1000000|--batch 50 and --seq 1000000: the run needs about",
    })
    void sizesThatCannotFitAreRefusedBeforeAllocating(String mode, String flag, String value, String message)
            throws IOException {
        Path data = Files.writeString(dir.resolve("t.txt"), "the cat sat on the mat.\nthe hat is on the cat.\n".repeat(12));
        Path out = dir.resolve("m.r4j");
        Cli.Run r = Cli.run("train", mode, data.toString(), flag, value, "--out", out.toString());
        r.assertFailure(2, message);
        assertTrue(r.err().contains(message.contains("Java array") || flag.equals("--embed") ? "give smaller sizes" : "(-Xmx)"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aSentenceTooLongToUnrollIsRefused() throws IOException {
        Path data = Files.writeString(dir.resolve("long.txt"), "ab".repeat(500_000) + "\nthe cat\n");
        Cli.run("train", "--sentences", data.toString(), "--out", dir.resolve("m.r4j").toString())
                .assertFailure(2, "--batch 1 with sentences of up to 1000000 characters: the run needs about");
    }

    @Test
    void anOutOfMemoryErrorIsOneLine() throws Exception {
        // a text the heap cannot hold, read before any estimate can speak for it
        Path big = dir.resolve("big.txt");
        try (var w = Files.newBufferedWriter(big)) {
            String line = "the cat sat on the mat and the hat is on the cat. ".repeat(20) + "\n";
            for (int i = 0; i < 40_000; i++) w.write(line);
        }
        Process p = new ProcessBuilder(Jvm.withHeap("-Xmx24m", "train", "--data", big.toString(), "--quiet",
                "--out", dir.resolve("m.r4j").toString())).redirectError(dir.resolve("err.txt").toFile()).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, p.exitValue());
        List<String> lines = Files.readAllLines(dir.resolve("err.txt")).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.getFirst().startsWith("recurrent4j train: out of memory: the heap this JVM may use (-Xmx) is"), lines.getFirst());
    }

    @Test
    void theThreadCountIsBounded() {
        int max = KernelThreads.max();
        Cli.run("train", "--threads", "100000", "--out", dir.resolve("m.r4j").toString())
                .assertFailure(2, "--threads: must be at most " + max + " (4 × the "
                        + Runtime.getRuntime().availableProcessors() + " cores), got 100000");
    }

    @Test
    void aRefusedValueIsEchoedAsTyped() {
        Cli.run("train", "--lr", "-0.01", "--out", dir.resolve("m.r4j").toString())
                .assertFailure(2, "--lr: must be a positive finite number, got -0.01 ");
        Cli.run("train", "--regc", "-1e-6", "--out", dir.resolve("m.r4j").toString())
                .assertFailure(2, "--regc: must be a finite number >= 0, got -1e-6 ");
    }

    @Test
    void evalOfASentenceModelOnContinuousTextSaysHowToEvaluateIt() throws IOException {
        Path sentences = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES);
        Path model = dir.resolve("m.r4j");
        assertEquals(0, Cli.run("train", "--sentences", sentences.toString(), "--steps", "2", "--hidden", "4", "--quiet",
                "--sample-every", "0", "--out", model.toString()).code());
        Cli.run("eval", "--model", model.toString(), "--data", sentences.toString())
                .assertFailure(1, "is not in the vocabulary (11 characters); the model was trained on sentences (train "
                        + "--sentences), one per line, so it has never seen a line break: evaluate it with --sentences "
                        + sentences);
    }
}
