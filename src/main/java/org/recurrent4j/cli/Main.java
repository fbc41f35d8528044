package org.recurrent4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code recurrent4j} command-line program. */
@Command(name = "recurrent4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recurrent neural networks (RNN, LSTM, GRU, GF-RNN, GF-GRU, GF-LSTM) on the JDK Vector API.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, ExportCommand.class,
                ImportCommand.class, InfoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace when a command fails.")
    boolean debug;

    public static void main(String[] args) {
        quietLibraryLogging(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the program with the given streams and returns its exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::reportFailure);
        cli.setParameterExceptionHandler(Main::reportUsageError);
        return cli.execute(args);
    }

    /** The kernel selection line is for library users and tests; the CLI shows it only with --debug. */
    private static void quietLibraryLogging(String[] args) {
        if (!java.util.Arrays.asList(args).contains("--debug")) {
            java.util.logging.Logger.getLogger("org.recurrent4j").setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** One line on stderr for an expected failure; the stack trace only with --debug. */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = parsed.hasMatchedOption("--debug")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        PrintWriter err = cmd.getErr();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println("recurrent4j " + cmd.getCommandName() + ": " + oneLine(message));
        if (debug) e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** One line on stderr for a bad option or argument, pointing to the command's help; exit code 2. */
    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getParent() == null ? "recurrent4j" : "recurrent4j " + cmd.getCommandName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        if (java.util.Arrays.asList(args).contains("--debug")) e.printStackTrace(err);
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The message on one line, even if a file's text or a library put a line break in it. */
    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"recurrent4j " + (v == null ? "(development build)" : v)};
        }
    }
}
