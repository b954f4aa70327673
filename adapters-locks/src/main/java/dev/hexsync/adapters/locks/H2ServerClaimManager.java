package dev.hexsync.adapters.locks;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimBackendException;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.api.ErrorCode;

/**
 * Claims shared by processes that share no file system but reach one H2 database server (H2 in TCP server
 * mode): each claim is a row inserted into {@code HEXSYNC_CLAIM} by a transaction that is never committed, on a
 * database session of its own. The row's uncommitted insert locks its key, so another session's insert of the
 * same id fails at once; the session is the holder's, so the claim lasts exactly as long as the holder's
 * connection: closing the claim rolls back, and when the holder dies, even by SIGKILL, its operating system
 * closes the TCP connection and the server rolls the session back. No lease, no heartbeat, no timeout.
 *
 * <h2>Why H2 in server mode</h2>
 * It is pure Java (the server is one class in the same jar as the driver, so tests start a real one
 * in-process) and its per-session transactions give the same shape PostgreSQL's session-level
 * {@code pg_try_advisory_lock} would: a lock that belongs to a live session and vanishes with it. H2 has no
 * advisory locks, so an uncommitted row stands in for one; a PostgreSQL backend would keep this class's
 * structure and swap the SQL.
 *
 * <p>Probing never locks: {@link #isClaimed(String)} reads the table at READ UNCOMMITTED, where other sessions'
 * uncommitted rows, that is live claims, are visible, and nothing is ever committed, so the table holds live
 * claims only and never needs cleaning. The key column is the id's UTF-8 bytes, so ids compare exactly even in
 * a database created with {@code IGNORECASE}; the readable id and the holder ({@code pid@host}) sit beside it
 * for an operator reading the table at READ UNCOMMITTED.
 *
 * <p>A holder whose machine vanishes without closing its TCP connection (power loss, network partition) keeps
 * its claim until the server's operating system gives the connection up (TCP keepalive); that is the price of
 * holding instead of leasing. A claim is lost if the server restarts; {@link Claim#isHeld()} then answers
 * false.
 *
 * <p>The H2 JDBC driver is a dependency of this module ({@code com.h2database:h2}), used directly rather than
 * through {@code DriverManager} so that no other driver can answer the URL.
 */
public final class H2ServerClaimManager implements ClaimManager, AutoCloseable {
    static final String TABLE = "HEXSYNC_CLAIM";
    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "RESOURCE_KEY VARBINARY(" + 4 * MAX_RESOURCE_ID_LENGTH + ") PRIMARY KEY, "
            + "RESOURCE_ID VARCHAR(" + MAX_RESOURCE_ID_LENGTH + ") NOT NULL, "
            + "HOLDER VARCHAR(255) NOT NULL)";
    private static final String INSERT = "INSERT INTO " + TABLE + " (RESOURCE_KEY, RESOURCE_ID, HOLDER) VALUES (?, ?, ?)";
    private static final String COUNT = "SELECT COUNT(*) FROM " + TABLE + " WHERE RESOURCE_KEY = ?";
    /** A refused insert is re-checked and retried this often before we call the resource taken; see claimOn. */
    private static final int MAX_INSERT_ATTEMPTS = 3;
    private static final String HOLDER = holderName();

    private final String url;
    private final String where;
    private final Properties credentials;
    private final org.h2.Driver driver = new org.h2.Driver();
    private final ReentrantLock probeLock = new ReentrantLock();
    private Connection probeConnection; // guarded by probeLock
    private volatile boolean closed;
    private volatile boolean tableReady;

    /**
     * @param url an H2 server URL, {@code jdbc:h2:tcp://host:port/database} or {@code jdbc:h2:ssl://...}; every
     *     process sharing the claims must name the same database
     * @throws IllegalArgumentException if {@code url} does not name an H2 server: an embedded or in-memory
     *     database cannot be shared by processes, which is this class's only reason to exist
     */
    public H2ServerClaimManager(String url, String user, String password) {
        if (url == null || !(url.startsWith("jdbc:h2:tcp://") || url.startsWith("jdbc:h2:ssl://"))) {
            throw new IllegalArgumentException("H2ServerClaimManager needs an H2 server URL (jdbc:h2:tcp://host:port/db"
                    + " or jdbc:h2:ssl://...), not " + (url == null ? "null" : redact(url))
                    + "; for one process use InJvmClaimManager, for one machine FileLockClaimManager");
        }
        this.url = url;
        this.where = "database session on " + redact(url);
        this.credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
    }

    @Override
    public Claim claim(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        requireOpen();
        ProcessClaimRegistry.Hold hold = ProcessClaimRegistry.tryHold(registryKey(resourceId))
                .orElseThrow(() -> new ClaimedInThisProcessException(resourceId));
        Connection session = null;
        try {
            session = connect(resourceId);
            ensureTable(session);
            // READ UNCOMMITTED lets a refused insert see the holder's row, telling "held" from a passing lock.
            session.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try (Statement statement = session.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT 0"); // refuse at once instead of queueing behind the holder
            }
            session.setAutoCommit(false);
            claimOn(session, resourceId);
            return new H2Claim(resourceId, session, hold);
        } catch (SQLException e) {
            closeQuietly(session);
            hold.release();
            throw new ClaimBackendException(resourceId, "Cannot claim " + resourceId + " on " + redact(url) + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            hold.release();
            throw e;
        }
    }

    @Override
    public boolean isClaimed(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        requireOpen();
        if (ProcessClaimRegistry.isHeld(registryKey(resourceId))) {
            return true;
        }
        probeLock.lock();
        try {
            requireOpen(); // again, now that close() cannot run concurrently
            // One retry, because a long-lived probe session may have died with a server restart since last use.
            for (int attempt = 1; ; attempt++) {
                try {
                    if (probeConnection == null) {
                        Connection connection = connect(resourceId);
                        ensureTable(connection);
                        connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                        probeConnection = connection;
                    }
                    return isVisible(probeConnection, resourceId);
                } catch (SQLException e) {
                    closeQuietly(probeConnection);
                    probeConnection = null;
                    if (attempt == 2) {
                        throw new ClaimBackendException(resourceId, "Cannot probe " + resourceId + " on " + redact(url)
                                + ": " + e.getMessage(), e);
                    }
                }
            }
        } finally {
            probeLock.unlock();
        }
    }

    /**
     * Closes the session used for probing; later calls of {@link #claim} and {@link #isClaimed} throw
     * {@link IllegalStateException}. Claims handed out stay held: each has its own session and ends only when
     * closed itself.
     */
    @Override
    public void close() {
        probeLock.lock();
        try {
            closed = true;
            closeQuietly(probeConnection);
            probeConnection = null;
        } finally {
            probeLock.unlock();
        }
    }

    /**
     * Inserts the claim row in the session's open transaction. A refusal (lock timeout, duplicate key) normally
     * means another live session holds the row; but a lock can also be refused while another session merely
     * passes through the table (a concurrent {@code CREATE TABLE IF NOT EXISTS}), so it counts as "claimed
     * elsewhere" only once the holder's row is seen.
     */
    private void claimOn(Connection session, String resourceId) throws SQLException {
        SQLException refusal = null;
        for (int attempt = 0; attempt < MAX_INSERT_ATTEMPTS; attempt++) {
            try (PreparedStatement insert = session.prepareStatement(INSERT)) {
                insert.setBytes(1, key(resourceId));
                insert.setString(2, resourceId);
                insert.setString(3, HOLDER);
                insert.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!isRefusal(e)) {
                    throw e;
                }
                refusal = e;
                if (isVisible(session, resourceId)) {
                    break;
                }
            }
        }
        throw new ClaimedElsewhereException(resourceId, where, refusal);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("H2ServerClaimManager for " + redact(url) + " is closed");
        }
    }

    private static boolean isRefusal(SQLException e) {
        int code = e.getErrorCode();
        return code == ErrorCode.LOCK_TIMEOUT_1 || code == ErrorCode.DUPLICATE_KEY_1
                || code == ErrorCode.CONCURRENT_UPDATE_1 || code == ErrorCode.DEADLOCK_1;
    }

    private static boolean isVisible(Connection connection, String resourceId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setBytes(1, key(resourceId));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private Connection connect(String resourceId) throws SQLException {
        Connection connection = driver.connect(url, credentials);
        if (connection == null) {
            throw new ClaimBackendException(resourceId, "The H2 driver does not accept " + redact(url));
        }
        return connection;
    }

    private void ensureTable(Connection connection) throws SQLException {
        if (!tableReady) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE);
            }
            tableReady = true;
        }
    }

    private String registryKey(String resourceId) {
        // NUL cannot occur in a valid id, so URL and id cannot run into each other.
        return "h2:" + url + '\0' + resourceId;
    }

    private static byte[] key(String resourceId) {
        return resourceId.getBytes(StandardCharsets.UTF_8);
    }

    /** The URL without its settings, which may carry a password ({@code ;PASSWORD=...}). */
    private static String redact(String url) {
        int settings = url.indexOf(';');
        return settings < 0 ? url : url.substring(0, settings);
    }

    private static String holderName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String name = ProcessHandle.current().pid() + "@" + host;
        return name.length() <= 255 ? name : name.substring(0, 255);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a broken session: the server drops it (and rolls it back) when the socket goes.
            }
        }
    }

    @Override
    public String toString() {
        return "H2ServerClaimManager[" + redact(url) + "]";
    }

    private final class H2Claim implements Claim {
        private final String resourceId;
        private final Connection session;
        private final ProcessClaimRegistry.Hold hold;
        private final AtomicBoolean released = new AtomicBoolean();

        H2Claim(String resourceId, Connection session, ProcessClaimRegistry.Hold hold) {
            this.resourceId = resourceId;
            this.session = session;
            this.hold = hold;
        }

        @Override
        public String resourceId() {
            return resourceId;
        }

        /** Asks the session to see its own row: false once released or once the server lost the session. */
        @Override
        public boolean isHeld() {
            if (released.get()) {
                return false;
            }
            try {
                return isVisible(session, resourceId);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                session.rollback();
            } catch (SQLException e) {
                // Closing below ends the session either way, and the server rolls back what it ends.
            }
            try {
                session.close();
            } catch (SQLException e) {
                throw new ClaimBackendException(resourceId, "Could not close the claim session for " + resourceId
                        + " on " + redact(url) + "; the server releases it when the connection drops: "
                        + e.getMessage(), e);
            } finally {
                hold.release();
            }
        }

        @Override
        public String toString() {
            return "H2Claim[" + resourceId + ", " + redact(url) + (released.get() ? ", released" : "") + "]";
        }
    }
}
