package org.recurrent4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.cli.options.TrainOptions;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.StrictJson;
import org.recurrent4j.train.Metrics;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The spark-submit entry point: a run, a resume, and each failure as one line with the last checkpoint intact. */
class CommandTest {
    @TempDir
    Path dir;
    private Path data;
    private Path out;

    /** What the injected fault saw of the checkpoint when it failed its partition. */
    static volatile byte[] checkpointAtFailure;

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> l.startsWith("recurrent4j")).toList();
        }
    }

    @BeforeEach
    void corpus() throws IOException {
        data = LocalSpark.write(dir, "corpus.txt", LocalSpark.text(4_000, 9));
        out = dir.resolve("run.r4j");
    }

    private static Result run(PartitionFault fault, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkTrain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), LocalSpark::context,
                false, fault);
        return new Result(code, out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return run(PartitionFault.NONE, args);
    }

    /** A small run's options, {@code more} (name and value pairs, or flags) added or replacing them. */
    private String[] base(String... more) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        String[] defaults = {"--data", data.toString(), "--out", out.toString(), "--hidden", "16", "--embed", "4",
                "--batch", "8", "--seq", "10", "--partitions", "2", "--average-every", "4", "--report-every", "8",
                "--sample-every", "0"};
        for (int i = 0; i < defaults.length; i += 2) options.put(defaults[i], defaults[i + 1]);
        for (int i = 0; i < more.length; i++) {
            boolean flag = i + 1 == more.length || more[i + 1].startsWith("--");
            options.put(more[i], flag ? null : more[++i]);
        }
        List<String> a = new ArrayList<>();
        options.forEach((k, v) -> {
            a.add(k);
            if (v != null) a.add(v);
        });
        return a.toArray(String[]::new);
    }

    @Test
    void trainsWritesMetricsAndResumesWithTheRecordedPartitions() throws IOException {
        Path metrics = dir.resolve("m.jsonl");
        Result r = run(base("--steps", "16", "--metrics", metrics.toString(), "--sample-every", "16"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("8 streams of 10 in 2 partitions, averaged every 4 steps"), r.err());
        assertTrue(r.err().contains("recurrent4j-spark: done at step 16"), r.err());
        assertTrue(r.out().startsWith("--- step 16, samples at temperature 1.0:"), r.out());
        List<String> lines = Files.readAllLines(metrics);
        assertEquals(2, lines.size());
        assertEquals(16, StrictJson.metrics(lines.get(1)).step());
        Checkpoint c = Checkpoint.load(out);
        assertEquals(16, c.trainer().step());
        assertEquals("2", c.saved().training().get("partitions"));
        assertEquals("4", c.saved().training().get("averageEvery"));
        assertEquals(8, c.trainer().config().batch(), "the checkpoint holds all the streams");

        Result resumed = run("--resume", out.toString(), "--steps", "24", "--metrics", metrics.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals("", resumed.err());
        assertEquals(24, Checkpoint.load(out).trainer().step());
        List<Metrics> all = Files.readAllLines(metrics).stream().map(StrictJson::metrics).toList();
        assertEquals(List.of(8L, 16L, 24L), all.stream().map(Metrics::step).toList());
    }

    @Test
    void everyOptionOfTrainButSentencesIsAnOptionHereWithTheSameDefault() {
        CommandLine train = new CommandLine(new org.recurrent4j.cli.Main()).getSubcommands().get("train");
        CommandLine here = new CommandLine(new SparkTrain(LocalSpark::context, false, PartitionFault.NONE));
        Map<String, String> trainDefaults = new TreeMap<>();
        // train's options that data-parallel training does not take (a checkpoint using them is refused here)
        List<String> trainOnly = List.of("--sentences", "--dropout", "--lr-decay", "--lr-decay-after", "--warmup",
                "--keep-best", "--patience", "--init-from", "--extend-vocabulary");
        for (var o : train.getCommandSpec().options()) {
            if (!trainOnly.contains(o.longestName())) trainDefaults.put(o.longestName(), o.defaultValue());
        }
        trainDefaults.put("--batch", "50"); // train's default in corpus mode (its option has none, for sentence mode's 1)
        Map<String, String> ours = new TreeMap<>();
        for (var o : here.getCommandSpec().options()) ours.put(o.longestName(), o.defaultValue());
        for (var e : trainDefaults.entrySet()) {
            assertTrue(ours.containsKey(e.getKey()), "train's " + e.getKey() + " is missing");
            assertEquals(e.getValue(), ours.get(e.getKey()), "the default of " + e.getKey());
        }
        assertTrue(ours.containsKey("--partitions") && ours.containsKey("--average-every"));
    }

    /** The options each command declares itself, their help telling what each does with them. */
    private static final List<String> OWN = List.of("--data", "--batch", "--out", "--resume", "--threads", "--force",
            "--quiet", "--debug", "--help", "--version");

    @Test
    void everyOptionBothTakeButTheirOwnIsDeclaredOnceInTrainsMixins() {
        CommandSpec train = new CommandLine(new org.recurrent4j.cli.Main()).getSubcommands().get("train").getCommandSpec();
        CommandSpec here = new CommandLine(new SparkTrain(LocalSpark::context, false, PartitionFault.NONE)).getCommandSpec();
        Set<String> fromMixins = new TreeSet<>();
        for (Class<?> mixin : List.of(TrainOptions.Model.class, TrainOptions.Run.class, TrainOptions.Reports.class,
                TrainOptions.Temperature.class)) {
            for (CommandSpec command : List.of(train, here)) {
                CommandSpec m = command.mixins().values().stream().filter(x -> mixin.isInstance(x.userObject()))
                        .findFirst().orElseThrow(() -> new AssertionError(command.name() + " lacks " + mixin.getSimpleName()));
                for (OptionSpec o : m.options()) {
                    assertEquals(o, command.findOption(o.longestName()), command.name() + " " + o.longestName());
                    fromMixins.add(o.longestName());
                }
            }
        }
        Set<String> both = new TreeSet<>(names(train));
        both.retainAll(names(here));
        both.removeAll(OWN);
        assertEquals(both, fromMixins, "the options both take, but for their own");
        assertTrue(fromMixins.containsAll(List.of("--model", "--hidden", "--lr", "--seq", "--steps", "--seed",
                "--metrics", "--temperature")), fromMixins.toString());
    }

    private static Set<String> names(CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : spec.options()) names.add(o.longestName());
        return names;
    }

    @Test
    void aSharedOptionIsRefusedWithTrainsMessage() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not metrics\n");
        Path existing = Files.writeString(dir.resolve("existing.r4j"), "a finished model\n");
        List<List<String>> bad = List.of(
                List.of("--hidden", "20,x"),
                List.of("--model", "tree"),
                List.of("--init", "normal"),
                List.of("--optimizer", "adagrad"),
                List.of("--lr", "-0.01"),
                List.of("--seq", "0"),
                List.of("--steps", "0"),
                List.of("--minutes", "-2"),
                List.of("--save-every", "-1"),
                List.of("--sample-every", "-1"),
                List.of("--val-every", "150"),
                List.of("--temperature", "0"),
                List.of("--metrics", notes.toString()),
                List.of("--metrics", data.toString()),
                List.of("--out", existing.toString()),
                List.of("--out", data.toString(), "--force"));
        for (List<String> options : bad) {
            List<String> common = new ArrayList<>(List.of("--data", data.toString(), "--quiet"));
            if (!options.contains("--out")) common.addAll(List.of("--out", out.toString()));
            common.addAll(options);
            List<String> trainArgs = new ArrayList<>(List.of("train"));
            trainArgs.addAll(common);
            StringWriter trainErr = new StringWriter();
            int trainCode = org.recurrent4j.cli.Main.run(trainArgs.toArray(String[]::new),
                    new PrintWriter(new StringWriter()), new PrintWriter(trainErr, true));
            List<String> sparkArgs = new ArrayList<>(List.of("--partitions", "2"));
            sparkArgs.addAll(common);
            Result r = run(sparkArgs.toArray(String[]::new));

            assertEquals(2, trainCode, options + ": " + trainErr);
            assertEquals(2, r.code(), options + ": " + r.err());
            String message = unwrapped(trainErr.toString(), "recurrent4j train");
            assertTrue(message.startsWith(options.getFirst()), options + ": " + trainErr);
            assertEquals(message, unwrapped(r.err(), "recurrent4j-spark"), options.toString());
        }
        assertFalse(Files.exists(out));
        assertEquals("a finished model\n", Files.readString(existing));
    }

    /** A usage error's one line without the program's name before it and the pointer to its help after it. */
    private static String unwrapped(String err, String program) {
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        String line = lines.getFirst();
        String prefix = program + ": ";
        String suffix = " (see '" + program + " --help')";
        assertTrue(line.startsWith(prefix) && line.endsWith(suffix), line);
        return line.substring(prefix.length(), line.length() - suffix.length());
    }

    @Test
    void aCheckpointOfTrainWithDropoutOrAScheduleIsRefusedAndStaysAsItWas() throws IOException {
        int code = org.recurrent4j.cli.Main.run(new String[] {"train", "--data", data.toString(), "--out", out.toString(),
            "--hidden", "16", "--embed", "4", "--batch", "8", "--seq", "10", "--steps", "4", "--dropout", "0.2",
            "--warmup", "10", "--quiet", "--sample-every", "0"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        byte[] before = Files.readAllBytes(out);
        Result r = run("--resume", out.toString(), "--steps", "8", "--partitions", "2");
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("recurrent4j-spark: --resume " + out + ": trains with --dropout 0.2 and a learning-rate "
                + "schedule (--warmup, --lr-decay), which data-parallel training does not; continue it with recurrent4j "
                + "train --resume (see 'recurrent4j-spark --help')"), r.err().lines().toList());
        assertArrayEquals(before, Files.readAllBytes(out));
    }

    @Test
    void aBadOptionIsOneLineAndExitCodeTwoAndTheCheckpointStaysAsItWas() throws IOException {
        assertEquals(0, run(base("--steps", "8", "--quiet")).code());
        byte[] before = Files.readAllBytes(out);
        List<String[]> bad = List.of(
                base("--steps", "8", "--partitions", "3", "--force"),
                base("--steps", "8", "--lr", "-1", "--force"),
                base("--steps", "8", "--average-every", "0", "--force"),
                base("--steps", "8"),
                new String[] {"--resume", out.toString(), "--steps", "16", "--lr", "0.1", "--partitions", "2"},
                new String[] {"--resume", out.toString(), "--steps", "16", "--partitions", "3"},
                new String[] {"--resume", out.toString(), "--steps", "4", "--partitions", "2"});
        List<String> expected = List.of(
                "recurrent4j-spark: --partitions: must divide --batch 8 (each partition trains --batch / --partitions of the streams), got 3 (see 'recurrent4j-spark --help')",
                "recurrent4j-spark: --lr: must be a positive finite number, got -1 (see 'recurrent4j-spark --help')",
                "recurrent4j-spark: --average-every: must be at least 1, got 0 (see 'recurrent4j-spark --help')",
                "recurrent4j-spark: --out " + out + ": already exists; give --force to replace it, --resume " + out
                        + " to continue its training, or another --out (see 'recurrent4j-spark --help')",
                "recurrent4j-spark: --lr: cannot be changed when resuming, the checkpoint " + out + " fixes it; drop --lr, "
                        + "or train a new model without --resume (see 'recurrent4j-spark --help')",
                "recurrent4j-spark: --partitions: must divide --batch 8 (each partition trains --batch / --partitions of the streams), got 3 (see 'recurrent4j-spark --help')",
                "recurrent4j-spark: --steps: " + out + " is already at step 8; --steps is the total to reach, give more than 8 (see 'recurrent4j-spark --help')");
        for (int i = 0; i < bad.size(); i++) {
            Result r = run(bad.get(i));
            assertEquals(2, r.code(), r.err());
            assertEquals(List.of(expected.get(i)), r.err().lines().toList());
            assertArrayEquals(before, Files.readAllBytes(out));
        }
    }

    @Test
    void anUnreadableCorpusIsOneLineAndExitCodeOneAndTheCheckpointStaysAsItWas() throws IOException {
        assertEquals(0, run(base("--steps", "8", "--quiet")).code());
        byte[] before = Files.readAllBytes(out);
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'});
        Result moved = run("--resume", out.toString(), "--steps", "16", "--data", binary.toString());
        assertEquals(1, moved.code(), moved.err());
        assertEquals(1, moved.err().lines().count(), moved.err());
        assertTrue(moved.err().startsWith("recurrent4j-spark: " + binary), moved.err());
        assertTrue(moved.err().contains("UTF-8"), moved.err());
        assertArrayEquals(before, Files.readAllBytes(out));

        Path missing = dir.resolve("missing.txt");
        Path other = dir.resolve("other.r4j");
        Result fresh = run("--data", missing.toString(), "--out", other.toString(), "--partitions", "2", "--steps", "8");
        assertEquals(1, fresh.code(), fresh.err());
        assertEquals(1, fresh.err().lines().count(), fresh.err());
        assertTrue(fresh.err().startsWith("recurrent4j-spark: " + missing), fresh.err());
        assertFalse(Files.exists(other));
    }

    @Test
    void aFailingPartitionIsOneLineOnTheDriverAndTheLastCheckpointStaysAsItWas() throws IOException {
        String file = out.toString();
        checkpointAtFailure = null;
        PartitionFault fault = (partition, step) -> {
            if (partition == 1 && step == 16) {
                try {
                    checkpointAtFailure = Files.readAllBytes(Path.of(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new IllegalStateException("the executor's disk is full");
            }
        };
        Result r = run(fault, base("--steps", "32", "--save-every", "8"));
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("recurrent4j-spark: partition 1 failed in steps 17 to 20: the executor's disk is full; "
                + "the checkpoint " + out + " keeps step 16"), r.errLines().subList(r.errLines().size() - 1, r.errLines().size()));
        assertTrue(r.err().lines().noneMatch(l -> l.contains("Exception")), "no stack trace without --debug: " + r.err());
        assertArrayEquals(checkpointAtFailure, Files.readAllBytes(out), "the checkpoint is the one of step 16");
        assertEquals(16, Checkpoint.load(out).trainer().step());

        Result diverged = run(base("--steps", "16", "--lr", "1e30", "--force"));
        assertEquals(1, diverged.code(), diverged.err());
        String last = diverged.errLines().getLast();
        assertTrue(last.matches("recurrent4j-spark: training diverged at step \\d+: partition \\d: .*; nothing was "
                + "written to " + java.util.regex.Pattern.quote(out.toString()) + "; try a smaller learning rate \\(--lr\\)"), last);
        assertArrayEquals(checkpointAtFailure, Files.readAllBytes(out), "a diverged run writes nothing");
    }

    @Test
    void onePartitionAveragingEveryStepPrintsAndSavesWhatTrainDoes() throws IOException {
        Path single = dir.resolve("single.r4j");
        Path singleMetrics = dir.resolve("single.jsonl");
        Path sparkMetrics = dir.resolve("spark.jsonl");
        String[] common = {"--data", data.toString(), "--hidden", "16", "--embed", "4", "--batch", "6", "--seq", "10",
                "--steps", "20", "--report-every", "5", "--sample-every", "10", "--save-every", "10", "--quiet"};
        StringWriter trainOut = new StringWriter();
        StringWriter trainErr = new StringWriter();
        List<String> trainArgs = new ArrayList<>(List.of("train", "--out", single.toString(), "--metrics", singleMetrics.toString()));
        trainArgs.addAll(List.of(common));
        assertEquals(0, org.recurrent4j.cli.Main.run(trainArgs.toArray(String[]::new), new PrintWriter(trainOut, true),
                new PrintWriter(trainErr, true)), trainErr.toString());
        List<String> sparkArgs = new ArrayList<>(List.of("--out", out.toString(), "--metrics", sparkMetrics.toString(),
                "--partitions", "1", "--average-every", "1"));
        sparkArgs.addAll(List.of(common));
        Result r = run(sparkArgs.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());

        assertEquals(trainOut.toString(), r.out(), "the same samples");
        assertEquals(LocalSpark.withoutTiming(Files.readAllLines(singleMetrics).stream().map(StrictJson::metrics).toList()),
                LocalSpark.withoutTiming(Files.readAllLines(sparkMetrics).stream().map(StrictJson::metrics).toList()));
        Checkpoint a = Checkpoint.load(single);
        Checkpoint b = Checkpoint.load(out);
        LocalSpark.assertSameParameters(a.saved().model(), b.saved().model());
        LocalSpark.assertSameOptimizer(a.trainer().optimizer(), b.trainer().optimizer());
        LocalSpark.assertSamePosition(a.trainer().position(), b.trainer().position());
        assertEquals(a.generators(), b.generators());
        assertEquals(a.settings(), b.settings());
    }
}
