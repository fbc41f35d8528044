package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Facts about the seed's data files in ../shared/data; skipped when that directory is absent. */
class SharedDataTest {
    private static final Path DATA = Path.of("../shared/data");

    private static Path dataFile(String name) {
        Path file = DATA.resolve(name);
        assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file.toAbsolutePath() + " is absent");
        return file;
    }

    @Test
    void samplesHave1430SentencesAnd50Characters() throws IOException {
        SentenceData data = SentenceData.read(dataFile("samples.txt"));
        assertEquals(1430, data.count());
        assertEquals(51, data.vocabulary().size());
        assertEquals(0, data.droppedSentences());
        // 87,511 characters without newlines, per SOURCES.md
        assertEquals(87_511 + 1430, data.predictions());
        SentenceBatch batch = new SentenceBatch(data, 16);
        batch.fillRandom(new SplittableRandom(1));
        assertEquals(batch.steps(), maxLength(data, batch) + 1);
    }

    private static int maxLength(SentenceData data, SentenceBatch batch) {
        int max = 0;
        for (int j = 0; j < batch.size(); j++) max = Math.max(max, data.length(batch.sentence(j)));
        return max;
    }

    @Test
    void tinyShakespeareHas65CharactersAndA95To5Split() throws IOException {
        CorpusData corpus = CorpusData.read(dataFile("tinyshakespeare.txt"));
        assertEquals(66, corpus.vocabulary().size());
        assertEquals(1_059_624, corpus.trainingLength());
        assertEquals(55_770, corpus.validationLength());
        CorpusStreams streams = corpus.trainingStreams(50, 50);
        assertEquals(21_192, streams.segmentLength());
        assertEquals(423, streams.chunksPerEpoch());
        assertEquals(22, corpus.validationStreams(50, 50).chunksPerEpoch());
    }
}
