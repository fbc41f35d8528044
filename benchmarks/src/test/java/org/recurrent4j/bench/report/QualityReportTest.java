package org.recurrent4j.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityReportTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    /** Training lines without valLoss, a blank line, a null and a non-finite valLoss written as a string. */
    private Path engineRun() throws IOException {
        return write("engine.jsonl",
                "{\"step\":100,\"elapsedSeconds\":30,\"loss\":3.1,\"charsPerSecond\":5000}",
                "{\"step\":200,\"elapsedSeconds\":60,\"loss\":2.9,\"valLoss\":2.5}",
                "",
                "{\"step\":300,\"elapsedSeconds\":90,\"loss\":2.7,\"valLoss\":null}",
                "{\"step\":1400,\"elapsedSeconds\":120,\"loss\":2.4,\"valLoss\":\"NaN\"}",
                "{\"step\":2500,\"elapsedSeconds\":180,\"loss\":2.2,\"valLoss\":1.75}",
                "{\"step\":3000,\"elapsedSeconds\":240,\"loss\":2.1,\"valLoss\":\"Infinity\"}",
                "{\"step\":3600,\"elapsedSeconds\":270,\"loss\":2.0,\"valLoss\":1.9}");
    }

    @Test
    void readsValidationLinesOnlyAsMinutesAndLoss() throws IOException {
        QualityReport.Run run = QualityReport.Run.read("engine", engineRun());
        assertEquals(5, run.points().size());
        assertEquals(List.of(200L, 1400L, 2500L, 3000L, 3600L), run.steps());
        assertEquals(1.0, run.points().get(0)[0]);
        assertEquals(2.5, run.points().get(0)[1]);
        assertTrue(Double.isNaN(run.points().get(1)[1]));
        assertEquals(Double.POSITIVE_INFINITY, run.points().get(3)[1]);
        assertEquals(2, run.best(), "the lowest finite loss, the NaN and infinity passed over");
    }

    @Test
    void tableGivesBestAndLastLossWithTheirMinuteStepAndCount() throws IOException {
        Path torch = write("torch.jsonl",
                "{\"step\":500,\"elapsedSeconds\":45,\"valLoss\":2.0}",
                "{\"step\":1000,\"elapsedSeconds\":90,\"valLoss\":1.80004}");
        String table = QualityReport.table(List.of(QualityReport.Run.read("recurrent4j", engineRun()),
                QualityReport.Run.read("PyTorch", torch)));
        List<String> lines = table.lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("| run | best validation loss |"), lines.get(0));
        assertEquals("| recurrent4j | 1.7500 | 3.0 | 2,500 | 1.9000 | 4.5 | 5 |", lines.get(2));
        assertEquals("| PyTorch | 1.8000 | 1.5 | 1,000 | 1.8000 | 1.5 | 2 |", lines.get(3));
    }

    @Test
    void aRunWithoutValidationIsRefused() throws IOException {
        Path none = write("none.jsonl", "{\"step\":100,\"elapsedSeconds\":30,\"loss\":3.1}",
                "{\"step\":200,\"elapsedSeconds\":60,\"loss\":2.9,\"valLoss\":null}");
        IOException e = assertThrows(IOException.class, () -> QualityReport.Run.read("x", none));
        assertTrue(e.getMessage().contains("holds no validation loss"), e.getMessage());
    }

    @Test
    void mainWritesTheSvgNamingEachRunAndTheTable() throws IOException {
        Path torch = write("torch.jsonl", "{\"step\":500,\"elapsedSeconds\":45,\"valLoss\":2.0}");
        Path engine = write("diverged.jsonl", "{\"step\":100,\"elapsedSeconds\":30,\"valLoss\":2.5}",
                "{\"step\":200,\"elapsedSeconds\":60,\"valLoss\":\"NaN\"}",
                "{\"step\":250,\"elapsedSeconds\":75,\"valLoss\":\"Infinity\"}",
                "{\"step\":300,\"elapsedSeconds\":90,\"valLoss\":1.75}");
        Path svg = dir.resolve("q.svg");
        Path md = dir.resolve("q.md");
        QualityReport.main(new String[] {svg.toString(), md.toString(), "Quality title",
            "recurrent4j dropout=" + engine, "PyTorch=" + torch});
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), "an SVG document");
        for (String s : List.of("Quality title", "recurrent4j dropout", "PyTorch")) {
            assertTrue(text.contains(s), "the chart names " + s);
        }
        String table = Files.readString(md);
        assertTrue(table.contains("| recurrent4j dropout | 1.7500 |"), table);
        assertTrue(table.contains("| PyTorch | 2.0000 |"), table);
    }

    @Test
    void anArgumentWithoutLabelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QualityReport.main(new String[] {
            dir.resolve("a.svg").toString(), dir.resolve("a.md").toString(), "t", "=no-label.jsonl"}));
    }
}
