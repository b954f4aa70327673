package dev.hexsync.adapters.locks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * A real H2 TCP server for tests: an ephemeral port, loopback only, databases in a fresh temporary directory
 * that is deleted on close. Remote clients may create databases ({@code -ifNotExists}), which is safe only
 * because nothing but this machine can connect.
 */
final class H2TestServer implements AutoCloseable {
    static final String USER = "sa";
    static final String PASSWORD = "claims";

    private final Server server;
    private final Path baseDir;

    private H2TestServer(Server server, Path baseDir) {
        this.server = server;
        this.baseDir = baseDir;
    }

    static H2TestServer start() throws SQLException, IOException {
        // Surefire sets this too; setting it here keeps an IDE run on loopback as long as H2 is not loaded yet.
        System.setProperty("h2.bindAddress", System.getProperty("h2.bindAddress", "127.0.0.1"));
        Path baseDir = Files.createTempDirectory("hexsync-h2-claims");
        // No -tcpAllowOthers: the server refuses connections from other hosts even if it were reachable.
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", baseDir.toString(), "-ifNotExists").start();
        return new H2TestServer(server, baseDir);
    }

    /** A URL of a database on this server; every manager of a test must use the same one. */
    String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/claims";
    }

    /** Stops the server: every session on it ends, and so does every claim. */
    void stop() {
        server.stop();
    }

    @Override
    public void close() {
        server.stop();
        try (Stream<Path> files = Files.walk(baseDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
