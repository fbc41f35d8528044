package org.recurrent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recurrent4j.cli.options.TrainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An option that several commands take is declared once, as a mixin, so its name, type and help cannot drift; the
 * {@link TrainOptions} mixins are also recurrent4j-spark's (its own test checks that side).
 */
class SharedOptionsTest {
    @Test
    void sharedOptionsComeFromOneMixin() {
        CommandLine root = new CommandLine(new Main());
        Map<Class<?>, List<String>> users = Map.of(
                Options.ModelInput.class, List.of("sample", "eval", "export"),
                Options.Texts.class, List.of("train", "eval"),
                Options.Format.class, List.of("export", "import"),
                Options.Output.class, List.of("export", "import"),
                TrainOptions.Model.class, List.of("train"),
                TrainOptions.Run.class, List.of("train"),
                TrainOptions.Reports.class, List.of("train"),
                TrainOptions.Temperature.class, List.of("train", "sample"));
        users.forEach((mixin, commands) -> {
            for (String name : commands) {
                CommandSpec spec = root.getSubcommands().get(name).getCommandSpec();
                CommandSpec found = spec.mixins().values().stream()
                        .filter(m -> mixin.isInstance(m.userObject())).findFirst().orElse(null);
                assertNotNull(found, name + " takes " + mixin.getSimpleName() + " as a mixin");
                for (CommandLine.Model.OptionSpec o : found.options()) {
                    assertEquals(o, spec.findOption(o.longestName()), name + " " + o.longestName());
                }
            }
        });
    }
}
