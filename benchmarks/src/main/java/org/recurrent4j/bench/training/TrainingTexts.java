package org.recurrent4j.bench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.EmbeddedCorpus;
import org.recurrent4j.text.SentenceData;

/**
 * The texts the training benchmarks read from the data directory: the seed demo's sentences
 * ({@code samples.txt}) and Tiny Shakespeare ({@code tinyshakespeare.txt}). When a file is absent they fall back
 * to the engine's embedded corpus and say so. The directory is the system property {@value #DATA_PROPERTY}
 * ({@code run.sh} sets it to the project's {@code data/}, where {@code scripts/fetch-data.sh} puts the texts, and
 * the runner passes it on to every fork), else {@code data} from the working directory.
 */
final class TrainingTexts {
    static final String DATA_PROPERTY = "recurrent4j.bench.data";
    private static final String DEFAULT_DIRECTORY = "data";

    private TrainingTexts() {}

    /** The seed demo's sentences, or the embedded corpus's lines. */
    static SentenceData sentences() throws IOException {
        Path file = directory().resolve("samples.txt");
        if (Files.isRegularFile(file)) {
            report(file.toString());
            return SentenceData.read(file);
        }
        String name = EmbeddedCorpus.NAME + ", one sentence per line";
        absent(file, name);
        return SentenceData.fromText(EmbeddedCorpus.text(), 1, name);
    }

    /** Tiny Shakespeare, or the embedded corpus. */
    static CorpusData corpus() throws IOException {
        Path file = directory().resolve("tinyshakespeare.txt");
        if (Files.isRegularFile(file)) {
            report(file.toString());
            return CorpusData.read(file);
        }
        absent(file, EmbeddedCorpus.NAME);
        return EmbeddedCorpus.data();
    }

    private static Path directory() {
        return Path.of(System.getProperty(DATA_PROPERTY, DEFAULT_DIRECTORY));
    }

    private static void report(String source) {
        System.out.println("training text: " + source);
    }

    private static void absent(Path file, String instead) {
        System.out.println("note: " + file.toAbsolutePath().normalize() + " is absent, so the training text is "
                + instead + " (-D" + DATA_PROPERTY + "=DIR names the data directory)");
    }
}
