package dev.hexsync.adapters.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimBackendException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the contract cannot see of {@link H2ServerClaimManager}: it accepts only server URLs, never commits a
 * row, tells a lost session from a held claim, and fails as a backend error when the server is gone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class H2ServerClaimManagerTest {
    private static H2TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = H2TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void onlyServerUrlsAreAccepted() {
        for (String url : List.of("jdbc:h2:mem:claims", "jdbc:h2:./claims", "jdbc:h2:file:/tmp/claims",
                "jdbc:postgresql://localhost/claims")) {
            assertThatThrownBy(() -> new H2ServerClaimManager(url, "sa", ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jdbc:h2:tcp://")
                    .hasMessageContaining("FileLockClaimManager");
        }
        assertThatThrownBy(() -> new H2ServerClaimManager(null, "sa", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsAreUncommittedRowsSoNothingIsLeftBehind() throws Exception {
        try (H2ServerClaimManager manager = manager(server.url())) {
            List<Claim> claims = new ArrayList<>();
            for (String id : List.of("rows-a", "rows-b", "rows-c")) {
                claims.add(manager.claim(id));
            }
            try (Connection readCommitted = connect(server.url());
                    Connection readUncommitted = connect(server.url())) {
                readUncommitted.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                assertThat(holders(readCommitted, "rows-%")).as("nothing committed").isEmpty();
                assertThat(holders(readUncommitted, "rows-%")).as("live claims, with their holder")
                        .containsExactly(ProcessHandle.current().pid() + "@", ProcessHandle.current().pid() + "@",
                                ProcessHandle.current().pid() + "@");

                claims.forEach(Claim::close);
                assertThat(holders(readUncommitted, "rows-%")).isEmpty();
            }
        }
    }

    @Test
    void aSessionTheServerEndsFreesTheClaimAndItsHolderNoticesIt() throws Exception {
        try (H2ServerClaimManager manager = manager(server.url());
                H2ServerClaimManager elsewhere = manager(server.url());
                Connection admin = connect(server.url())) {
            Claim claim = manager.claim("aborted");
            assertThat(claim.isHeld()).isTrue();

            // The server-side view of a holder dying: its session ends and rolls back.
            try (ResultSet sessions = admin.createStatement().executeQuery(
                    "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE CONTAINS_UNCOMMITTED")) {
                while (sessions.next()) {
                    try (PreparedStatement abort = admin.prepareStatement("CALL ABORT_SESSION(?)")) {
                        abort.setInt(1, sessions.getInt(1));
                        abort.execute();
                    }
                }
            }

            assertThat(claim.isHeld()).as("the holder learns its claim is gone").isFalse();
            // This JVM still records the claim until it is closed, so look from a fresh connection's point of view.
            try (Connection look = connect(server.url())) {
                look.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                assertThat(holders(look, "aborted")).isEmpty();
            }
            claim.close();
            claim.close();
            assertThat(elsewhere.isClaimed("aborted")).isFalse();
            manager.claim("aborted").close();
        }
    }

    @Test
    void aServerThatIsGoneIsABackendErrorAndHoldsNothing() throws Exception {
        H2TestServer gone = H2TestServer.start();
        String url = gone.url() + ";PASSWORD=do-not-print-me";
        gone.close();
        try (H2ServerClaimManager manager = new H2ServerClaimManager(url, H2TestServer.USER, H2TestServer.PASSWORD)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                // The second attempt fails the same way: the first left no claim recorded in this JVM.
                assertThatThrownBy(() -> manager.claim("unreachable"))
                        .isInstanceOf(ClaimBackendException.class)
                        .hasMessageContaining(gone.url())
                        .hasMessageNotContaining("do-not-print-me");
            }
            assertThatThrownBy(() -> manager.isClaimed("unreachable"))
                    .isInstanceOf(ClaimBackendException.class)
                    .hasMessageNotContaining("do-not-print-me");
        }
    }

    @Test
    void idsCompareExactlyEvenInADatabaseThatIgnoresCase() throws Exception {
        String url = server.url().replace("/claims", "/ignorecase") + ";IGNORECASE=TRUE";
        try (H2ServerClaimManager manager = manager(url);
                Claim lower = manager.claim("todos");
                Claim upper = manager.claim("TODOS");
                H2ServerClaimManager other = manager(url)) {
            assertThat(lower.isHeld()).isTrue();
            assertThat(upper.isHeld()).isTrue();
            assertThat(other.isClaimed("Todos")).isFalse();
        }
    }

    @Test
    void aClosedManagerRefusesToProbeButItsClaimsLiveOn() {
        H2ServerClaimManager manager = manager(server.url());
        try (H2ServerClaimManager other = manager(server.url())) {
            Claim claim = manager.claim("outlives-manager");
            manager.close();
            assertThatThrownBy(() -> manager.isClaimed("outlives-manager")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> manager.claim("after-close")).isInstanceOf(IllegalStateException.class);
            assertThat(claim.isHeld()).isTrue();
            assertThat(other.isClaimed("outlives-manager")).isTrue();
            claim.close();
            assertThat(other.isClaimed("outlives-manager")).isFalse();
        }
    }

    private static H2ServerClaimManager manager(String url) {
        return new H2ServerClaimManager(url, H2TestServer.USER, H2TestServer.PASSWORD);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, H2TestServer.USER, H2TestServer.PASSWORD);
    }

    /** The holders of claims whose id matches {@code pattern}, as "pid@" prefixes, as {@code connection} sees them. */
    private static List<String> holders(Connection connection, String pattern) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT HOLDER FROM " + H2ServerClaimManager.TABLE
                + " WHERE RESOURCE_ID LIKE ? ORDER BY RESOURCE_ID")) {
            query.setString(1, pattern);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String holder = rows.getString(1);
                    holders.add(holder.substring(0, holder.indexOf('@') + 1));
                }
            }
        }
        return holders;
    }
}
