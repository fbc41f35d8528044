package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

/** The corpus gathered by the build (generate-resources), which runs before the tests. */
class EmbeddedCorpusTest {

    @Test
    void holdsTheProjectsOwnSourcesAndReadme() {
        String text = EmbeddedCorpus.text();
        assertTrue(text.contains("package org.recurrent4j.text;"), "the text package's sources");
        assertTrue(text.contains("public final class EmbeddedCorpus"), "this class's own source");
        assertTrue(text.contains("# recurrent4j"), "the README");
    }

    @Test
    void trainsAsACorpusWithTheDefaultStreams() {
        CorpusData data = EmbeddedCorpus.data();
        assertTrue(data.vocabulary().contains('{'));
        CorpusStreams streams = data.trainingStreams(50, 50);
        streams.next();
        assertTrue(streams.chunksPerEpoch() >= 1);
    }
}
