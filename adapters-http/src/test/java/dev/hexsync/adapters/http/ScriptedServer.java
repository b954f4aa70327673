package dev.hexsync.adapters.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on 127.0.0.1 (JDK {@code com.sun.net.httpserver}) whose routes are scripted by the test.
 * Every request is recorded, body included, before its script runs; scripts run on their own threads, so a
 * stream that never ends does not hold up other requests.
 */
final class ScriptedServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every small answer waits out
        // Nagle against the client's delayed ACK (~40 ms). Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A route's behaviour: write the answer to the exchange (headers, body, pauses). */
    @FunctionalInterface
    interface Script {
        void answer(HttpExchange exchange, Recorded request) throws Exception;
    }

    /** A request as the server saw it. */
    record Recorded(String method, URI uri, Headers headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-server");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

    private ScriptedServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.start();
    }

    static ScriptedServer http() throws IOException {
        return new ScriptedServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static ScriptedServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new ScriptedServer(server);
    }

    /** Answers requests under {@code path} with {@code script}. */
    ScriptedServer route(String path, Script script) {
        server.createContext(path, exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders(), body);
                requests.add(recorded);
                script.answer(exchange, recorded);
            } catch (IOException e) {
                // The client went away (a test closed its stream): nothing to answer.
            } catch (Exception e) {
                throw new IOException("script failed", e);
            }
        });
        return this;
    }

    String endpoint() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next recorded request, waiting at most a few seconds. */
    Recorded request() throws InterruptedException {
        Recorded recorded = requests.poll(10, TimeUnit.SECONDS);
        if (recorded == null) {
            throw new AssertionError("no request reached the server within 10 s");
        }
        return recorded;
    }

    int requestCount() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // Answer helpers for scripts.

    /** A complete answer with a fixed-length body. */
    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void respondJson(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a chunked answer; the caller writes and flushes chunks, then closes the stream to end it. */
    static OutputStream startStream(HttpExchange exchange, String contentType, Map<String, String> headers)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    static OutputStream startStream(HttpExchange exchange, String contentType) throws IOException {
        return startStream(exchange, contentType, Map.of());
    }

    static void writeChunk(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static List<String> accepted(Recorded request) {
        String accept = request.header("Accept");
        return accept == null ? List.of() : List.of(accept.split("\\s*,\\s*"));
    }
}
