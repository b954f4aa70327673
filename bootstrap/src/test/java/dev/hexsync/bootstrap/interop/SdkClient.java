package dev.hexsync.bootstrap.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official PowerSync Node.js SDK as a second client: {@code interop/sdk-client.mjs} (test resources) in a
 * child process, connected to the same service as the hexsync client under test, syncing into its own database
 * file and driven by JSON lines on stdin (see {@link NodeScripts} for how it finds the SDK).
 */
final class SdkClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path database;
    private final Path log;
    private final Writer stdin;
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();

    private SdkClient(Process process, Path database, Path log) {
        this.process = process;
        this.database = database;
        this.log = log;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> readAnswers(process.getInputStream()), "sdk-client-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the SDK syncing as {@code user} into {@code directory/sdk.db} and waits for its first sync; without
     * {@code acceptBson} its fetch hook asks the service for NDJSON only.
     */
    static SdkClient start(Path directory, String user, boolean acceptBson) throws IOException {
        Path home = NodeScripts.prepare(directory.resolve("sdk-client"), "sdk-client.mjs");
        Path script = home.resolve("sdk-client.mjs");
        Path database = directory.resolve("sdk.db");
        Path log = directory.resolve("sdk-client.log");
        ProcessBuilder builder = new ProcessBuilder(RealService.node().toString(), script.toString())
                .directory(home.toFile()).redirectError(log.toFile());
        builder.environment().put("PS_URL", RealService.URL.toString());
        builder.environment().put("PS_TOKEN", RealService.token(user, Duration.ofHours(1)));
        builder.environment().put("DB", database.toString());
        if (!acceptBson) {
            builder.environment().put("SDK_ACCEPT", "ndjson");
        }
        SdkClient client = new SdkClient(builder.start(), database, log);
        try {
            JsonNode first = client.next();
            if (!"synced".equals(first.path("event").asString(""))) {
                throw new IllegalStateException("The SDK client said " + first + " instead of its first sync");
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** The SDK's database file. */
    Path database() {
        return database;
    }

    /** Subscribes the stream and waits until its first sync; the SDK keeps the handle until {@link #unsubscribe}. */
    void subscribe(String stream, Map<String, Object> params, Duration ttl) {
        Map<String, Object> command = streamCommand("subscribe", stream, params);
        if (ttl != null) {
            command.put("ttl", ttl.toSeconds());
        }
        call(command);
    }

    /** Releases the stream's handles: the subscription lives on for its TTL. */
    void unsubscribe(String stream, Map<String, Object> params) {
        call(streamCommand("unsubscribe", stream, params));
    }

    /** Ends the stream's subscription now. */
    void unsubscribeAll(String stream, Map<String, Object> params) {
        call(streamCommand("unsubscribeAll", stream, params));
    }

    /** The SDK's sync status (connected, hasSynced, lastSyncedAt, downloadError). */
    JsonNode status() {
        return call(new LinkedHashMap<>(Map.of("cmd", "status")));
    }

    private static Map<String, Object> streamCommand(String cmd, String stream, Map<String, Object> params) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("cmd", cmd);
        command.put("stream", stream);
        command.put("params", params);
        return command;
    }

    private JsonNode call(Map<String, Object> command) {
        int id = ids.incrementAndGet();
        command.put("id", id);
        try {
            stdin.write(JSON.writeValueAsString(command) + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("The SDK client is gone: " + describeExit(), e);
        }
        while (true) {
            JsonNode answer = next();
            if (answer.path("id").asInt(-1) != id) {
                continue;
            }
            if (!answer.path("ok").asBoolean(false)) {
                throw new IllegalStateException("The SDK client failed " + command.get("cmd") + ": "
                        + answer.path("error").asString(""));
            }
            return answer;
        }
    }

    private JsonNode next() {
        try {
            JsonNode answer = answers.poll(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer == null) {
                throw new IllegalStateException("The SDK client did not answer within " + COMMAND_TIMEOUT.toSeconds()
                        + " s; " + describeExit());
            }
            if (answer.has("eof")) {
                answers.add(answer);
                throw new IllegalStateException("The SDK client ended; " + describeExit());
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the SDK client", e);
        }
    }

    private void readAnswers(InputStream stdout) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    answers.add(JSON.readTree(line));
                } catch (RuntimeException notJson) {
                    // A stray line from the SDK on stdout: keep it in the log, ignore it here.
                    Files.writeString(log, "stdout: " + line + "\n", java.nio.file.StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            // The process ended; the marker below says so.
        }
        answers.add(JSON.createObjectNode().put("eof", true));
    }

    private String describeExit() {
        String tail;
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            tail = text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            tail = "(no log: " + e.getMessage() + ")";
        }
        return (process.isAlive() ? "still running" : "exit code " + process.exitValue()) + "; its log (" + log
                + ") ends with:\n" + tail;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                call(new LinkedHashMap<>(Map.of("cmd", "close")));
            } catch (RuntimeException e) {
                // Ending it below is all that matters now.
            }
            try {
                OutputStream in = process.getOutputStream();
                in.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
