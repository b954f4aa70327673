package dev.hexsync.ports.storage;

import java.nio.file.Path;
import java.util.Objects;

/** Where a local database lives. */
public sealed interface DatabaseLocation {

    /** A database file. Relative paths resolve against the working directory. */
    record File(Path path) implements DatabaseLocation {
        public File {
            Objects.requireNonNull(path, "path is null");
        }

        @Override
        public String describe() {
            return path.toString();
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

    static DatabaseLocation inMemory(String name) {
        return new InMemory(name);
    }
}
