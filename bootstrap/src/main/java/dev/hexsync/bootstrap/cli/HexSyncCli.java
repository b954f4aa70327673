package dev.hexsync.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hexsync} command line. */
@Command(name = "hexsync", mixinStandardHelpOptions = true, versionProvider = HexSyncCli.Version.class,
        description = "An offline-first sync client for the JVM, compatible with the PowerSync protocol.",
        subcommands = {DemoCommand.class, ConformanceCommand.class, BenchCommand.class})
public final class HexSyncCli implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
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
