package dev.hexsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hexsync} command line. */
@Command(name = "hexsync", mixinStandardHelpOptions = true, versionProvider = HexSyncCli.Version.class,
        description = "An offline-first sync client for the JVM, compatible with the PowerSync protocol.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:ok",
                "1:sync failed (the service rejected the request, or nothing was ever synced)",
                "2:usage error (bad option or value, missing or invalid file)",
                "3:internal error"},
        subcommands = {DemoCommand.class, SyncCommand.class, EmulatorCommand.class, ConformanceCommand.class,
                BenchCommand.class})
public final class HexSyncCli implements Runnable {

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args));
    }

    /**
     * The engine logs through SLF4J, bound here to slf4j-simple on standard error: only warnings and errors are
     * shown unless {@code -Dhexsync.log=info} (or {@code debug}) asks for more. Set before the first logger.
     */
    private static void quietLogging() {
        String wanted = System.getProperty("hexsync.log", "warn").toLowerCase(Locale.ROOT);
        String level = switch (wanted) {
            case "debug", "fine", "trace" -> "debug";
            case "info" -> "info";
            default -> "warn";
        };
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with hexsync's handling of failures: a message and an exit code, no stack trace. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HexSyncCli());
        commandLine.setExecutionExceptionHandler(HexSyncCli::failed);
        return commandLine;
    }

    /** A failure in a command: one line on standard error and the exit status that says what happened. */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String command = "hexsync " + commandLine.getCommandName();
        if (e instanceof CliException cli) {
            err.println(command + ": " + cli.getMessage());
            err.flush();
            return cli.exitCode();
        }
        err.println(command + ": " + e);
        if (Boolean.getBoolean("hexsync.trace") || "debug".equalsIgnoreCase(System.getProperty("hexsync.log"))) {
            e.printStackTrace(err);
        } else {
            err.println("(run with -Dhexsync.log=debug for the stack trace)");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar manifest, or from the build's resource when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hexsync " + version()};
        }

        static String version() {
            String version = HexSyncCli.class.getPackage().getImplementationVersion();
            if (version != null) {
                return version;
            }
            try (InputStream in = HexSyncCli.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
