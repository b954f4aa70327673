package dev.hexsync.bootstrap;

import dev.hexsync.ports.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a database path that cannot work before anything is created beside it (claims directory, change
 * signal) or wired: one typed error naming the path and what is wrong with it, instead of the storage, the
 * claims and the change signal each failing inside the injector. A missing directory is refused, never created:
 * a typo in a path should not leave a new directory tree behind.
 */
final class DatabasePathCheck {
    private DatabasePathCheck() {
    }

    /**
     * @throws StorageException when the directory is missing, is a file, or cannot take a new database file, or
     *         when the path is a directory
     */
    static void check(Path path) {
        Path absolute = path.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            for (Path ancestor = parent; ancestor != null; ancestor = ancestor.getParent()) {
                if (Files.exists(ancestor) && !Files.isDirectory(ancestor)) {
                    throw new StorageException("Cannot open the database " + absolute + ": " + ancestor
                            + " is a file, not a directory");
                }
            }
            if (!Files.isDirectory(parent)) {
                throw new StorageException("Cannot open the database " + absolute + ": the directory " + parent
                        + " does not exist (hexsync does not create it)");
            }
        }
        if (Files.isDirectory(absolute)) {
            throw new StorageException("Cannot open the database " + absolute + ": it is a directory");
        }
        if (parent != null && !Files.isWritable(parent)) {
            // Even an existing file needs its directory: the claims directory and the change signal live beside it.
            throw new StorageException("Cannot open the database " + absolute + ": the directory " + parent
                    + " is not writable (the database keeps its journal, claims and change signal beside it)");
        }
    }
}
