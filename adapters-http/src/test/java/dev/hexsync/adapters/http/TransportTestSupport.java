package dev.hexsync.adapters.http;

import dev.hexsync.ports.transport.Credentials;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What the transport tests share: a scripted server and a transport, started fresh for each test, and a way to
 * run a blocking call with a bound. The class-level timeout runs tests on a separate thread, so even a read
 * stuck in a socket cannot hang the build.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class TransportTestSupport {
    /** A JWT-shaped token whose every appearance in a message or log is a leak. */
    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMSJ9.S3CR3T-signature-7f3a9c01d2e4";
    static final String NDJSON = "application/x-ndjson";
    static final String BSON = "application/vnd.powersync.bson-stream";
    static final long WAIT_SECONDS = 10;

    ScriptedServer server;
    HttpSyncTransport transport;
    private ExecutorService threads;

    @BeforeEach
    void startServerAndTransport() throws Exception {
        server = ScriptedServer.http();
        transport = HttpSyncTransport.create();
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "transport-test");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stopServerAndTransport() {
        transport.close();
        server.close();
        threads.shutdownNow();
    }

    Credentials credentials() {
        return Credentials.of(server.endpoint(), TOKEN);
    }

    static HttpSyncTransport transportWithReadTimeout(Duration readTimeout) {
        return HttpSyncTransport.builder().readTimeout(readTimeout).build();
    }

    /** Starts {@code action} on another thread. */
    <T> Future<T> start(Callable<T> action) {
        return threads.submit(action);
    }

    /** Runs {@code action} on another thread and waits a bounded time for it; its exception is rethrown as is. */
    <T> T within(Callable<T> action) throws Exception {
        return await(start(action));
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("still blocked after " + WAIT_SECONDS + " s", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
