package dev.hexsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hexsync} command line. */
@Command(name = "hexsync", mixinStandardHelpOptions = true, versionProvider = HexSyncCli.Version.class,
        description = "An offline-first sync client for the JVM, compatible with the PowerSync protocol.",
        subcommands = {DemoCommand.class, SyncCommand.class, ConformanceCommand.class, BenchCommand.class})
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
        String wanted = System.getProperty("hexsync.log", "warn").toLowerCase(java.util.Locale.ROOT);
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
        return new CommandLine(new HexSyncCli()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HexSyncCli.class.getPackage().getImplementationVersion();
            return new String[] {"hexsync " + (version == null ? "dev" : version)};
        }
    }
}
