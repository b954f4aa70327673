package dev.hexsync.ports.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where a local database lives. */
public sealed interface DatabaseLocation {

    /**
     * A database file. An absolute path is used as given; a relative one resolves against the working
     * directory (use {@link DatabaseLocation#file(Path, Path)} to resolve it against another directory).
     */
    record File(Path path) implements DatabaseLocation {
        public File {
            Objects.requireNonNull(path, "path is null");
        }

        @Override
        public String describe() {
            return path.toString();
        }

        /**
         * The path that identifies this database among every spelling of it: absolute, normalised, with
         * symbolic links resolved as far as the file or its directories exist. Two processes (or two instances
         * in one process) reaching one file through different paths agree on it, so side files named after it
         * (change signals, claims) are shared too.
         */
        public Path canonicalPath() {
            Path absolute = path.toAbsolutePath().normalize();
            Path existing = absolute;
            Path rest = null;
            while (existing != null && !Files.exists(existing)) {
                Path name = existing.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
            if (existing == null) {
                return absolute;
            }
            try {
                Path real = existing.toRealPath();
                return rest == null ? real : real.resolve(rest);
            } catch (IOException e) {
                // Unreadable directories: the absolute path is the best identity left.
                return absolute;
            }
        }

        /**
         * The files SQLite-style engines keep for this database: the file itself and its {@code -wal},
         * {@code -shm} and {@code -journal} companions.
         */
        public java.util.List<Path> files() {
            String name = path.getFileName().toString();
            return java.util.List.of(path, path.resolveSibling(name + "-wal"), path.resolveSibling(name + "-shm"),
                    path.resolveSibling(name + "-journal"));
        }
    }

    /** A private in-memory database that disappears when closed; the name only labels it in messages. */
    record InMemory(String name) implements DatabaseLocation {
        public InMemory {
            Objects.requireNonNull(name, "name is null");
        }

        @Override
        public String describe() {
            return "in-memory database '" + name + "'";
        }
    }

    /** A short description for messages. */
    String describe();

    static DatabaseLocation file(Path path) {
        return new File(path);
    }

    /**
     * A database file named {@code path}: used as given when absolute, else resolved against
     * {@code defaultDirectory} (the app's data directory, say).
     */
    static DatabaseLocation.File file(Path path, Path defaultDirectory) {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(defaultDirectory, "defaultDirectory is null");
        return new File(path.isAbsolute() ? path : defaultDirectory.resolve(path));
    }

    static DatabaseLocation inMemory(String name) {
        return new InMemory(name);
    }
}
