package org.recurrent4j.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The default training text that ships inside the jar: the project's own README and Java sources, gathered
 * at build time (the generate-resources phase of pom.xml). No third-party text is included.
 */
public final class EmbeddedCorpus {
    /** The resource name, relative to this class's package. */
    static final String RESOURCE = "embedded-corpus.txt";
    /** The name used for the embedded corpus in messages. */
    public static final String NAME = "the embedded corpus";

    private EmbeddedCorpus() {}

    /**
     * The embedded text.
     *
     * @throws IllegalStateException if the resource is missing, i.e. the classes were not built by Maven
     */
    public static String text() {
        try (InputStream in = EmbeddedCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded corpus (org/recurrent4j/text/" + RESOURCE
                        + ") is missing from the class path; build with Maven (mvn package), which gathers it, "
                        + "or give a data file");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.isEmpty()) throw new IllegalStateException("the embedded corpus is empty; rebuild with Maven");
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded corpus: " + e.getMessage(), e);
        }
    }

    /** The embedded text as corpus data, its vocabulary built from the whole text. */
    public static CorpusData data() {
        return CorpusData.fromText(text(), NAME);
    }
}
