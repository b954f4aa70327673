package dev.hexsync.adapters.h2;

import dev.hexsync.adapters.h2.schema.H2Layout;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * H2 2.x (MVStore), pure Java: the PowerSync layout in H2's idiom, logically the same as SQLite's (see
 * {@link H2Layout}). A file database at {@code path} is H2's {@code <path>.mv.db} (a path that already ends in
 * {@code .mv.db} is taken as that file); an in-memory one is a private named H2 memory database that lives while
 * its session's connections are open.
 *
 * <p>Several processes share a file through H2's AUTO_SERVER mode: the first process to open it serves it over
 * TCP, the others connect to that server, and when it exits the next one to connect takes over. The server binds
 * to the loopback address: this class sets the system property {@code h2.bindAddress} to {@code 127.0.0.1}
 * before H2 first loads, unless the application set it.
 */
public final class H2StorageEngine implements StorageEngine {
    static {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public SqlSession open(DatabaseLocation location, StorageOptions options) {
        String url;
        Path baseName = null;
        long lockTimeout = Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis());
        // WRITE_DELAY=0: a commit reaches the file before it returns. H2's default (500 ms) lets a process killed
        // right after a commit lose it (H2CrashTest saw the last commits go).
        String settings = ";DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;LOCK_TIMEOUT=" + lockTimeout
                + ";QUERY_CACHE_SIZE=64;NON_KEYWORDS=KEY,VALUE;WRITE_DELAY=0";
        if (location instanceof DatabaseLocation.File file) {
            baseName = baseName(file.path().toAbsolutePath());
            Path parent = baseName.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StorageException("Cannot open " + file.path() + ": the directory " + parent + " does not exist");
            }
            url = "jdbc:h2:file:" + baseName + settings + ";AUTO_SERVER=TRUE";
        } else {
            url = "jdbc:h2:mem:hexsync-" + UUID.randomUUID() + settings;
        }
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = DriverManager.getConnection(url, "sa", "");
            opened.add(writer);
            writer.setAutoCommit(false);
            try {
                H2Layout.migrate(writer, location.describe());
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            }
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < options.readerConnections(); i++) {
                Connection reader = DriverManager.getConnection(url, "sa", "");
                opened.add(reader);
                reader.setAutoCommit(false);
                reader.setReadOnly(true);
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                readers.add(reader);
            }
            return new H2Session(location, baseName, writer, readers);
        } catch (SQLException | RuntimeException e) {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof StorageException storage) {
                throw storage;
            }
            if (e instanceof SQLException sql) {
                StorageException translated = H2Errors.translate(sql);
                throw new StorageException("Cannot open " + location.describe() + ": " + translated.getMessage(),
                        translated.vendorCode(), e);
            }
            throw (RuntimeException) e;
        }
    }

    /** The name H2 is given for a file: the path without H2's {@code .mv.db} suffix. */
    static Path baseName(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".mv.db") ? path.resolveSibling(name.substring(0, name.length() - ".mv.db".length())) : path;
    }
}
