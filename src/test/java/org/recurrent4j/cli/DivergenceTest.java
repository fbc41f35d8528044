package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.SavedModel;
import org.recurrent4j.model.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A loss far above an untrained model's is divergence, as a NaN is: the run stops, keeps its last file, exits 1. */
class DivergenceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"rmsprop, 1e30", "sgd, 1e10", "adam, 1e10"})
    void aHugeLearningRateDivergesAndKeepsTheLastGoodModel(String optimizer, String lr) throws IOException {
        Path data = Files.writeString(dir.resolve("s.txt"), TrainCommandTest.SENTENCES);
        Path model = dir.resolve("m.r4j");
        String[] common = {"train", "--sentences", data.toString(), "--hidden", "6", "--optimizer", optimizer, "--quiet",
            "--sample-every", "0", "--out", model.toString()};
        Cli.Run good = Cli.run(concat(common, "--steps", "3"));
        assertEquals(0, good.code(), good.err());
        byte[] before = Files.readAllBytes(model);
        Cli.run(concat(common, "--steps", "300", "--lr", lr, "--force")).assertFailure(1, "training diverged at step");
        assertArrayEquals(before, Files.readAllBytes(model), "no step of the diverging run was saved: the file is as it was");

        // saving every step: the file holds the last step before the divergence, every value finite
        Cli.Run r = Cli.run(concat(common, "--steps", "300", "--save-every", "1", "--lr", lr, "--force"));
        Matcher m = Pattern.compile("diverged at step (\\d+): .*the model file .* keeps step (\\d+)").matcher(r.err());
        assertTrue(m.find(), r.err());
        long kept = Long.parseLong(m.group(2));
        assertEquals(Long.parseLong(m.group(1)) - 1, kept);
        SavedModel saved = ModelFile.load(model);
        assertEquals(kept, saved.step());
        for (Parameter p : saved.model().parameters()) {
            for (int i = 0; i < p.mat().size(); i++) assertTrue(Float.isFinite(p.mat().w[p.mat().offset + i]), p.name());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
