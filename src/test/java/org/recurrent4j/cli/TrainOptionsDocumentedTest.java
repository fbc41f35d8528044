package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option of {@code train} is in its help and in the options table of the CLI reference. */
class TrainOptionsDocumentedTest {
    @Test
    void everyTrainOptionIsInTheReferenceTable() throws IOException {
        String doc = Files.readString(Path.of("docs/cli.md"));
        String table = doc.substring(doc.indexOf("## train"), doc.indexOf("### What it prints"));
        String help = Cli.run("train", "--help").out();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (OptionSpec o : new CommandLine(new Main()).getSubcommands().get("train").getCommandSpec().options()) {
            String name = o.longestName();
            if (List.of("--help", "--version", "--debug").contains(name)) continue;
            if (!table.contains("| `" + name) || !help.contains(name)) missing.add(name);
            checked++;
        }
        assertTrue(checked >= 30, "the options were found: " + checked);
        assertTrue(missing.isEmpty(), "options missing from docs/cli.md's table or the help: " + missing);
    }
}
