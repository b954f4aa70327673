package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --engine} option of the commands that open a database: which storage engine keeps it. */
final class EngineOption {
    /** The storage engines the command line offers. */
    enum Engine {
        sqlite, h2
    }

    @Option(names = "--engine", defaultValue = "sqlite", paramLabel = "sqlite|h2",
            description = "Storage engine: sqlite (default) or h2 (pure Java; the file is <FILE>.mv.db).")
    Engine engine = Engine.sqlite;

    /** A builder for a database file with the chosen engine. */
    HexSync.Builder builder(Path file) {
        return engine == Engine.h2 ? HexSync.builder().h2(file) : HexSync.builder().sqlite(file);
    }
}
