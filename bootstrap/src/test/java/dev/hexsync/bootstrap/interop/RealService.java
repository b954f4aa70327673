package dev.hexsync.bootstrap.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the real PowerSync Service of the realservice recipe runs, and what the interop tests need around it:
 * tokens, the source Postgres, the official SDK's Node.js, and a restart. Everything comes from environment
 * variables with the recipe's defaults:
 *
 * <ul>
 *   <li>{@code HEXSYNC_REALSERVICE_URL}: the service (default {@code http://127.0.0.1:18080}); {@code off} skips
 *       the suite even when a service answers;</li>
 *   <li>{@code HEXSYNC_REALSERVICE_PG_URL}: the source database the service replicates
 *       (default {@code postgresql://postgres:postgres@127.0.0.1:55432/appdb});</li>
 *   <li>{@code REALSERVICE_HOME}: the recipe's state directory (default {@code /tmp/hexsync-realservice}): the
 *       HS256 secret ({@code hs256.secret}), Node 24 ({@code node24/node/bin/node}), the SDK's
 *       {@code nodeclient/node_modules}, the service's {@code service.pid};</li>
 *   <li>{@code HEXSYNC_REALSERVICE_SCRIPTS}: the recipe's folder with {@code start.sh}, for the restart test
 *       (default {@code ../shared/realservice} beside the repository, when it exists).</li>
 * </ul>
 */
final class RealService {
    static final String SETUP_HINT = "The interop suite runs against a real PowerSync Service: set it up with the "
            + "realservice recipe (setup.sh with a git checkout of powersync-ja/powersync-service, then start.sh; see "
            + "README, \"Interop with the real PowerSync Service\"), or point HEXSYNC_REALSERVICE_URL at one.";

    static final URI URL = URI.create(env("HEXSYNC_REALSERVICE_URL", "http://127.0.0.1:18080"));
    static final URI PG_URL = URI.create(env("HEXSYNC_REALSERVICE_PG_URL",
            "postgresql://postgres:postgres@127.0.0.1:55432/appdb"));
    static final Path HOME = Path.of(env("REALSERVICE_HOME", "/tmp/hexsync-realservice"));
    /** The audience and key id the recipe's service config accepts. */
    private static final String AUDIENCE = "powersync-local";
    private static final String KEY_ID = "local-hs256";

    private static volatile Optional<String> unavailable;

    private RealService() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Why the suite cannot run here, or empty when the service answers its liveness probe. */
    static Optional<String> unavailable() {
        Optional<String> known = unavailable;
        if (known == null) {
            known = probe();
            unavailable = known;
        }
        return known;
    }

    private static Optional<String> probe() {
        if ("off".equalsIgnoreCase(System.getenv("HEXSYNC_REALSERVICE_URL"))) {
            return Optional.of("HEXSYNC_REALSERVICE_URL=off");
        }
        if (!live()) {
            return Optional.of("No PowerSync Service answers at " + URL + "/probes/liveness. " + SETUP_HINT);
        }
        if (!Files.isReadable(secretFile())) {
            return Optional.of("The service answers, but there is no HS256 secret at " + secretFile()
                    + " (REALSERVICE_HOME) to sign tokens with. " + SETUP_HINT);
        }
        return Optional.empty();
    }

    /** Whether the service answers its liveness probe right now. */
    static boolean live() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URL.resolve("/probes/liveness"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path secretFile() {
        return HOME.resolve("hs256.secret");
    }

    /** A token for {@code user} that expires in {@code ttl}, signed as mint-token.mjs signs it. */
    static String token(String user, Duration ttl) {
        try {
            byte[] secret = Base64.getUrlDecoder().decode(Files.readString(secretFile(), StandardCharsets.UTF_8).trim());
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
            String payload = "{\"sub\":\"" + user + "\",\"aud\":\"" + AUDIENCE + "\",\"iat\":" + now + ",\"exp\":"
                    + (now + ttl.toSeconds()) + "}";
            String unsigned = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64Url(payload.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return unsigned + "." + base64Url(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token with " + secretFile(), e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A JDBC connection to the source database. */
    static Connection postgres() throws SQLException {
        String userInfo = Optional.ofNullable(PG_URL.getUserInfo()).orElse("postgres");
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        String jdbc = "jdbc:postgresql://" + PG_URL.getHost() + ":" + (PG_URL.getPort() < 0 ? 5432 : PG_URL.getPort())
                + PG_URL.getPath();
        return DriverManager.getConnection(jdbc, user, password);
    }

    /** Node 24 of the recipe, which the official SDK needs. */
    static Path node() {
        return Path.of(env("REALSERVICE_NODE", HOME.resolve("node24/node/bin/node").toString()));
    }

    /** The official SDK's installed packages (the recipe's client). */
    static Path sdkModules() {
        return HOME.resolve("nodeclient/node_modules");
    }

    /** The recipe's folder (start.sh), or empty when it cannot be found. */
    static Optional<Path> scripts() {
        String configured = System.getenv("HEXSYNC_REALSERVICE_SCRIPTS");
        Path folder = configured != null && !configured.isBlank() ? Path.of(configured)
                // Tests run in the module's folder; the recipe sits in shared/ beside the repository.
                : Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("realservice");
        return Files.isExecutable(folder.resolve("start.sh")) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * Stops the service process (SIGTERM, as stop.sh does, then SIGKILL after 10 s), leaving Postgres running.
     * The recipe's start.sh records the process in {@code service.pid}.
     */
    static void stopService() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(HOME.resolve("service.pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() ->
                new IllegalStateException("service.pid names " + pid + ", which is not running"));
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            process.onExit().join();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service with the recipe's start.sh, which waits until it answers. */
    static void startService(Path scripts, Path log) throws IOException, InterruptedException {
        Process start = new ProcessBuilder("bash", scripts.resolve("start.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!start.waitFor(150, TimeUnit.SECONDS) || start.exitValue() != 0) {
            start.destroy();
            throw new IllegalStateException("start.sh did not bring the service up: " + Files.readString(log));
        }
    }
}
