package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent4j.io.Checkpoint;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.train.Trainer;

/** A checkpoint whose header holds the settings as the previous release wrote them resumes the same run. */
class EarlierCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void anEarlierCheckpointResumesExactlyAndIsRewrittenInTheNewForm() throws IOException {
        Path data = Files.writeString(dir.resolve("corpus.txt"), "the cat sat on the mat.\nthe hat is on the cat.\n".repeat(12));
        String[] common = {"--data", data.toString(), "--batch", "3", "--seq", "5", "--hidden", "6", "--embed", "3",
            "--report-every", "4", "--quiet", "--sample-every", "0", "--seed", "4", "--optimizer", "adam"};
        Path whole = dir.resolve("whole.r4j");
        assertEquals(0, Cli.run(concat(common, "--steps", "16", "--out", whole.toString())).code());
        Path half = dir.resolve("half.r4j");
        assertEquals(0, Cli.run(concat(common, "--steps", "8", "--out", half.toString())).code());

        // rewrite the header's settings in the earlier form: lr, regc, clip, batch and seq beside the others
        Checkpoint c = Checkpoint.load(half);
        Map<String, String> earlier = new LinkedHashMap<>();
        earlier.put("mode", "corpus");
        earlier.put("data", data.toAbsolutePath().toString());
        earlier.put("init", "uniform");
        earlier.put("optimizer", "adam");
        earlier.put("lr", "0.01");
        earlier.put("regc", "1.0E-6");
        earlier.put("clip", "5.0");
        earlier.put("batch", "3");
        earlier.put("seq", "5");
        earlier.put("seed", "4");
        earlier.put("steps", "16");
        Trainer t = Trainer.corpus(c.saved().model(), CorpusData.read(data, c.saved().model().vocabulary()),
                Optimizer.named("adam"), c.trainer().config());
        t.restore(c.trainer());
        Checkpoint.save(half, t, earlier, c.generators());
        assertEquals("0.01", ModelFile.load(half).training().get("lr"));

        Cli.Run r = Cli.run("train", "--resume", half.toString(), "--quiet", "--sample-every", "0");
        assertEquals(0, r.code(), r.err());
        ResumeCommandTest.assertBitForBit(ModelFile.load(whole), ModelFile.load(half));
        Map<String, String> now = ModelFile.load(half).training();
        assertFalse(now.containsKey("lr") || now.containsKey("batch") || now.containsKey("seq"), now.toString());
        assertEquals(ModelFile.load(whole).training(), now);
        assertEquals(16, Checkpoint.load(half).settings().steps());
    }

    private static String[] concat(String[] common, String... more) {
        String[] args = new String[common.length + more.length + 1];
        args[0] = "train";
        System.arraycopy(common, 0, args, 1, common.length);
        System.arraycopy(more, 0, args, 1 + common.length, more.length);
        return args;
    }
}
