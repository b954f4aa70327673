package dev.hexsync.adapters.locks;

import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.testkit.claims.ChildManagerSpec;
import dev.hexsync.testkit.claims.ClaimManagerContractTest;
import dev.hexsync.testkit.claims.ClaimManagerFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * H2 server sessions pass the whole contract against a real H2 TCP server this test starts on loopback; the
 * child JVMs connect to it over TCP like any remote process would, so a SIGKILLed child's claim is freed by
 * the server noticing the dropped connection.
 */
class H2ServerClaimManagerContractTest extends ClaimManagerContractTest {
    private static H2TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = H2TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ClaimManager newManager() {
        return new H2ServerClaimManager(server.url(), H2TestServer.USER, H2TestServer.PASSWORD);
    }

    @Override
    protected Optional<ChildManagerSpec> childManager() {
        return Optional.of(ChildManagerSpec.of(Factory.class, server.url()));
    }

    /** Opens the child's manager on the server URL the test passes. */
    public static final class Factory implements ClaimManagerFactory {
        @Override
        public ClaimManager open(List<String> arguments) {
            return new H2ServerClaimManager(arguments.get(0), H2TestServer.USER, H2TestServer.PASSWORD);
        }
    }
}
