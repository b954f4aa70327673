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
     * The engine logs through {@code System.Logger}; on the command line only warnings and errors are shown
     * unless {@code -Dhexsync.log=info} (or {@code debug}) asks for more.
     */
    private static void quietLogging() {
        String wanted = System.getProperty("hexsync.log", "warning").toUpperCase(java.util.Locale.ROOT);
        java.util.logging.Level level = switch (wanted) {
            case "DEBUG", "FINE" -> java.util.logging.Level.FINE;
            case "INFO" -> java.util.logging.Level.INFO;
            default -> java.util.logging.Level.WARNING;
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(level);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
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
