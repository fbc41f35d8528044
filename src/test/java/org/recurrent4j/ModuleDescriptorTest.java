package org.recurrent4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module {@code org.recurrent4j} as an embedder meets it: the engine's packages exported, the CLI not (but for
 * the training options it shares with the Spark module), and the program run from the module path in a fresh JVM,
 * with the Vector API and, falling back to the scalar kernels, without it. The other tests run on the class path,
 * as the CLI jar does.
 */
class ModuleDescriptorTest {
    private static final String MODULE = "org.recurrent4j";

    @TempDir
    Path dir;

    /** The compiled classes (with module-info.class) and the jars the module requires, from this JVM's class path. */
    private static List<Path> modulePath() {
        List<Path> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (Files.exists(p.resolve("module-info.class")) || name.startsWith("picocli-")
                    || name.startsWith("gson-") || name.startsWith("progressbar-") || name.startsWith("jline-")) {
                path.add(p);
            }
        }
        return path;
    }

    @Test
    void theEnginePackagesAndTheSharedTrainingOptionsAreExportedAndTheCliIsNot() {
        ModuleDescriptor d = ModuleFinder.of(modulePath().toArray(Path[]::new)).find(MODULE).orElseThrow().descriptor();
        Set<String> exported = d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        Set<String> engine = Set.of("kernel", "tensor", "graph", "model", "optim", "text", "train", "io", "cli.options")
                .stream().map(p -> MODULE + "." + p).collect(Collectors.toSet());
        assertEquals(engine, exported);
        assertTrue(d.packages().contains(MODULE + ".cli"));
        // picocli sets the options' fields by reflection, the shared ones too
        Set<String> openToPicocli = d.opens().stream().filter(o -> o.targets().equals(Set.of("info.picocli")))
                .map(ModuleDescriptor.Opens::source).collect(Collectors.toSet());
        assertEquals(Set.of(MODULE + ".cli", MODULE + ".cli.options"), openToPicocli);
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("jdk.incubator.vector")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)), "the Vector API is optional");
    }

    private record Run(int code, String out, String err) {}

    private Run run(boolean vector, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (vector) command.add("--add-modules=jdk.incubator.vector");
        command.addAll(List.of("--enable-native-access=" + MODULE, "-Xmx256m", "-p",
                modulePath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "-m", MODULE + "/" + MODULE + ".cli.Main"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the module's JVM did not finish in 2 minutes");
        }
        return new Run(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void theProgramRunsAsAModuleWithTheVectorKernels() throws Exception {
        Run info = run(true, "info", "--json");
        assertEquals(0, info.code(), info.err());
        JsonObject o = JsonParser.parseString(info.out()).getAsJsonObject();
        assertEquals("vector", o.get("implementation").getAsString());
        assertTrue(o.get("alignedLoads").getAsBoolean(), "native access is the module's: " + info.out());

        // picocli reads the options and Gson the headers and metrics by reflection: train, then read it back
        Files.writeString(dir.resolve("s.txt"), "the cat sat\non the mat\na cat\n");
        Run train = run(true, "train", "--sentences", "s.txt", "--steps", "4", "--hidden", "5", "--report-every", "2",
                "--metrics", "m.jsonl", "--quiet", "--sample-every", "0", "--out", "m.r4j");
        assertEquals(0, train.code(), train.err());
        assertEquals(2, Files.readAllLines(dir.resolve("m.jsonl")).size());
        Run eval = run(true, "eval", "--model", "m.r4j", "--sentences", "s.txt", "--json");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(JsonParser.parseString(eval.out()).getAsJsonObject().has("perplexity"), eval.out());
    }

    @Test
    void withoutTheVectorModuleTheScalarKernelsRun() throws Exception {
        Run info = run(false, "info", "--json");
        assertEquals(0, info.code(), info.err());
        assertEquals("scalar", JsonParser.parseString(info.out()).getAsJsonObject().get("implementation").getAsString());
        assertFalse(info.err().contains("incubator"), info.err());
    }
}
