package dev.hexsync.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A socket server on 127.0.0.1 that answers one connection with raw bytes of the test's choosing and then
 * drops it: how a test produces what no well-behaved HTTP server will, such as a chunked body cut off in the
 * middle or a connection reset mid-line.
 */
final class RawServer implements AutoCloseable {
    /** Writes the answer to the accepted connection; the server closes the socket when it returns. */
    @FunctionalInterface
    interface Script {
        void answer(OutputStream out) throws Exception;
    }

    private final ServerSocket socket;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    RawServer(Script script) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(script), "raw-server");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Script script) {
        try (Socket connection = socket.accept()) {
            connection.setSoTimeout(10_000);
            readRequest(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            script.answer(out);
            out.flush();
            done.complete(null);
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }

    /** Reads the request head and a Content-Length body, so that closing does not reset unread input. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Waits (bounded) until the script has run and the connection is closed. */
    void awaitDone() throws Exception {
        done.get(10, TimeUnit.SECONDS);
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One chunk of a chunked body. */
    static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
