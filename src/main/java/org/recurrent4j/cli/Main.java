package org.recurrent4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.function.Supplier;
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

    /** The width of the terminal that stderr is, 0 when it is not one (a file, a pipe, a test's writer). */
    int terminalWidth;

    public static void main(String[] args) {
        quietLibraryLogging(args);
        OutputLost.Recording stdout = new OutputLost.Recording(new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, System.out.charset()), true);
        System.exit(run(args, out, new PrintWriter(System.err, true), stdout::failure, Terminal.stderrWidth()));
    }

    /** Runs the program with the given streams and returns its exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, () -> null, 0);
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter)}; {@code outFailure} gives the error that broke {@code out},
     * and {@code terminalWidth} is the width of the terminal {@code err} writes to (0: not a terminal).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<IOException> outFailure, int terminalWidth) {
        Main main = new Main();
        main.terminalWidth = terminalWidth;
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> e instanceof OutputLost
                ? lostOutput(cmd, outFailure.get()) : reportFailure(e, cmd, parsed));
        cli.setParameterExceptionHandler(Main::reportUsageError);
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(cli, err);
        }
        if (code == 0 && out.checkError()) {
            CommandLine.ParseResult parsed = cli.getParseResult();
            CommandLine cmd = parsed != null && parsed.subcommand() != null ? parsed.subcommand().commandSpec().commandLine() : cli;
            code = lostOutput(cmd, outFailure.get());
        }
        return code;
    }

    /** One line for an OutOfMemoryError that the estimates before allocating did not foresee. */
    static int outOfMemory(CommandLine cli, PrintWriter err) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        CommandLine cmd = parsed != null && parsed.subcommand() != null ? parsed.subcommand().commandSpec().commandLine() : cli;
        err.println(name(cmd) + ": out of memory: the heap this JVM may use (-Xmx) is "
                + org.recurrent4j.train.MemoryEstimate.format(Runtime.getRuntime().maxMemory())
                + "; give it more (RECURRENT4J_JAVA_OPTS=-Xmx8g), or smaller sizes or data");
        err.flush();
        return 1;
    }

    /** A command whose output failed: quiet exit 141 at a closed pipe, else one line and exit code 1. */
    private static int lostOutput(CommandLine cmd, IOException cause) {
        if (OutputLost.brokenPipe(cause)) return OutputLost.BROKEN_PIPE;
        PrintWriter err = cmd.getErr();
        err.println(name(cmd) + ": cannot write to standard output" + (cause == null ? "" : " (" + oneLine(cause.getMessage()) + ")")
                + "; what it printed is lost");
        err.flush();
        return 1;
    }

    private static String name(CommandLine cmd) {
        return cmd.getParent() == null ? "recurrent4j" : "recurrent4j " + cmd.getCommandName();
    }

    /**
     * The library's logger, held here: java.util.logging keeps loggers weakly, so a level set on one nobody holds
     * is lost at the next garbage collection, and the kernel line would then appear, timestamped, under --quiet.
     */
    static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("org.recurrent4j");

    /** The kernel selection line is for library users and tests; the CLI shows it only with --debug. */
    static void quietLibraryLogging(String[] args) {
        if (!java.util.Arrays.asList(args).contains("--debug")) LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
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
