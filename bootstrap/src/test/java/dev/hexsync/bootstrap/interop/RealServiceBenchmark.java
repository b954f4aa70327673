package dev.hexsync.bootstrap.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * hexsync beside the official Node.js SDK, first sync of 100,000 rows from the real PowerSync Service, all in one
 * run: (a) the floor, a reader that only consumes {@code POST /sync/stream} (NDJSON) up to
 * {@code checkpoint_complete}; (b) the SDK from {@code new PowerSyncDatabase} to {@code waitForFirstSync()} with its
 * peak RSS; (c) hexsync from {@code HexSync.builder()...build()} to {@code waitForFirstSync()} in a fresh JVM, with
 * its peak RSS (VmHWM) and peak heap. Prints each run and the ratios hexsync/floor and hexsync RSS / SDK RSS, to
 * stdout and to {@code target/realservice-benchmark.txt}.
 *
 * <p>Opt-in: {@code -Dhexsync.bench.realservice=true}, and the service of the realservice recipe running (see
 * {@link RealService}). {@code -Dhexsync.bench.rows=N} (default 100,000), {@code -Dhexsync.bench.runs=N} (3),
 * {@code -Dhexsync.bench.jvmArgs="..."} (options of hexsync's JVM, e.g. {@code -Xmx256m}),
 * {@code -Dhexsync.bench.jfr=true} (a JFR recording of each hexsync run beside the report). The rows go to a list of
 * its own of the user {@code bench}, so that user1's data stays as it was, and are deleted afterwards.
 */
class RealServiceBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "bench";
    private static final String BODY = "{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,\"binary_data\":true,"
            + "\"client_id\":\"bench-floor\",\"parameters\":{},\"streams\":{\"include_defaults\":true,\"subscriptions\":[]}}";

    @TempDir
    Path dir;

    private final StringWriter report = new StringWriter();
    private final PrintWriter out = new PrintWriter(report, true);

    @Test
    void firstSyncOfManyRowsBesideTheSdk() throws Exception {
        assumeTrue(Boolean.getBoolean("hexsync.bench.realservice"),
                "The real-service benchmark is opt-in: -Dhexsync.bench.realservice=true");
        Optional<String> unavailable = RealService.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "Skipping the benchmark: " + unavailable.orElse(""));
        int rows = Integer.getInteger("hexsync.bench.rows", 100_000);
        int runs = Integer.getInteger("hexsync.bench.runs", 3);
        // A list of its own per run of the benchmark: a bucket that held rows before would send their history too.
        String list = "interop-bench-" + Long.toString(System.currentTimeMillis(), 36);
        String token = RealService.token(USER, Duration.ofHours(2));
        try {
            long seeding = System.nanoTime();
            SourceDatabase.createLists(USER, rows, list);
            out.printf("seeded %,d todos in %s (user %s) in %.1f s; waiting for the service to replicate them%n", rows,
                    list, USER, (System.nanoTime() - seeding) / 1e9);
            awaitReplicated(token, list, rows);
            out.printf("replicated after %.1f s%n", (System.nanoTime() - seeding) / 1e9);
            // The service's first read of a bucket is slower than the next ones (its storage warms up); no run gets it.
            floor(token, false);
            List<double[]> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                String load = loadAverage();
                Floor floor = floor(token, false);
                Floor wire = floor(token, true);
                JsonNode sdk = sdk(token, run);
                JsonNode hexsync = hexsync(token, run);
                check(sdk.path("todos").asLong(), rows, "the SDK");
                check(hexsync.path("todos").asLong(), rows, "hexsync");
                double sdkRssMb = sdk.path("maxRssKb").asDouble() / 1024;
                double hexsyncRssMb = hexsync.path("vmHwmKb").asDouble() / 1024;
                out.printf("run %d (load average before the run: %s)%n", run, load);
                out.printf("  (a) floor: NDJSON stream to checkpoint_complete     %8.0f ms  (%,d bytes, %,d lines)%n",
                        floor.ms, floor.bytes, floor.lines);
                out.printf("      same stream as hexsync asks (BSON, gzip)         %8.0f ms  (%,d bytes on the wire)%n",
                        wire.ms, wire.bytes);
                out.printf("  (b) SDK: new PowerSyncDatabase -> waitForFirstSync %8.0f ms  peak RSS %6.0f MB%n",
                        sdk.path("ms").asDouble(), sdkRssMb);
                out.printf("  (c) hexsync: build() -> waitForFirstSync()         %8.0f ms  peak RSS %6.0f MB, peak heap %5.0f MB%n",
                        hexsync.path("ms").asDouble(), hexsyncRssMb, hexsync.path("peakHeapMb").asDouble());
                out.printf("      hexsync timeline: JVM start -> main %d ms; build() %.0f ms; connect() %.0f ms; first data at"
                                + " %.0f ms; all data at %.0f ms; first sync at %.0f ms%n",
                        hexsync.path("jvmStartToMainMs").asLong(), hexsync.path("buildMs").asDouble(),
                        hexsync.path("connectMs").asDouble(), hexsync.path("firstDataMs").asDouble(),
                        hexsync.path("allDataMs").asDouble(), hexsync.path("ms").asDouble());
                out.printf("  hexsync / floor %.2f x;  hexsync / SDK time %.2f x;  hexsync RSS / SDK RSS %.2f x%n",
                        hexsync.path("ms").asDouble() / floor.ms, hexsync.path("ms").asDouble() / sdk.path("ms").asDouble(),
                        hexsyncRssMb / sdkRssMb);
                results.add(new double[] {floor.ms, sdk.path("ms").asDouble(), hexsync.path("ms").asDouble(), sdkRssMb,
                        hexsyncRssMb});
            }
            double[] median = new double[5];
            for (int i = 0; i < median.length; i++) {
                final int column = i;
                double[] values = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
                median[i] = values[values.length / 2];
            }
            out.printf("median of %d runs: floor %.0f ms, SDK %.0f ms (%.0f MB), hexsync %.0f ms (%.0f MB);"
                            + " hexsync/floor %.2f x (target 1.15), hexsync RSS / SDK RSS %.2f x (target 0.50)%n",
                    runs, median[0], median[1], median[3], median[2], median[4], median[2] / median[0], median[4] / median[3]);
        } finally {
            SourceDatabase.execute("DELETE FROM lists WHERE id = ?", list);
            String text = report.toString();
            System.out.print(text);
            Files.writeString(Path.of("target", "realservice-benchmark.txt"), text);
        }
    }

    /** The machine's load (Linux), so that a reader can tell a quiet run from a busy one. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void check(long actual, int expected, String who) {
        if (actual != expected) {
            throw new AssertionError(who + " synced " + actual + " todos, expected " + expected);
        }
    }

    private record Floor(double ms, long bytes, long lines) {
    }

    private static HttpRequest streamRequest(String token, boolean asHexsyncAsks) {
        HttpRequest.Builder request = HttpRequest.newBuilder(RealService.URL.resolve("/sync/stream"))
                .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (asHexsyncAsks) {
            request.header("Accept", "application/vnd.powersync.bson-stream;q=0.9,application/x-ndjson;q=0.8")
                    .header("Accept-Encoding", "gzip");
        } else {
            request.header("Accept", "application/x-ndjson");
        }
        return request.build();
    }

    /**
     * Reads the stream up to {@code checkpoint_complete} and nothing more: NDJSON line by line, or (as hexsync asks)
     * gzip-compressed BSON document by document. The time runs from sending the request.
     */
    private static Floor floor(String token, boolean asHexsyncAsks) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(streamRequest(token, asHexsyncAsks),
                HttpResponse.BodyHandlers.ofInputStream());
        CountingStream counted = new CountingStream(response.body());
        try (InputStream body = counted) {
            long lines = 0;
            boolean gzip = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
            InputStream decoded = gzip ? new GZIPInputStream(body, 65536) : body;
            if (response.headers().firstValue("Content-Type").orElse("").contains("bson")) {
                DataInputStream documents = new DataInputStream(new java.io.BufferedInputStream(decoded, 65536));
                byte[] buffer = new byte[1 << 16];
                while (true) {
                    int length = Integer.reverseBytes(documents.readInt());
                    if (buffer.length < length) {
                        buffer = new byte[length];
                    }
                    documents.readFully(buffer, 4, length - 4);
                    lines++;
                    // The first element's name follows its type byte.
                    if (new String(buffer, 5, Math.min(19, length - 5), StandardCharsets.US_ASCII)
                            .equals("checkpoint_complete")) {
                        break;
                    }
                }
            } else {
                BufferedReader reader = new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8), 65536);
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines++;
                    if (line.startsWith("{\"checkpoint_complete\"")) {
                        break;
                    }
                }
            }
            double ms = (System.nanoTime() - started) / 1e6;
            return new Floor(ms, counted.count, lines);
        }
    }

    /** Waits until a checkpoint of {@code user}'s stream counts {@code rows} operations in the list's bucket. */
    private static void awaitReplicated(String token, String list, int rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (System.nanoTime() < deadline) {
            HttpResponse<InputStream> response = client.send(streamRequest(token, false),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                JsonNode checkpoint = JSON.readTree(reader.readLine()).path("checkpoint");
                for (JsonNode bucket : checkpoint.path("buckets")) {
                    if (bucket.path("bucket").asString("").contains(list) && bucket.path("count").asLong() == rows) {
                        return;
                    }
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("The service did not replicate " + rows + " todos of " + list + " within 10 minutes");
    }

    private JsonNode sdk(String token, int run) throws IOException, InterruptedException {
        Path home = NodeScripts.prepare(dir.resolve("sdk-bench-" + run), "bench-sdk.mjs");
        ProcessBuilder builder = new ProcessBuilder(RealService.node().toString(), home.resolve("bench-sdk.mjs").toString())
                .directory(home.toFile()).redirectError(home.resolve("stderr.log").toFile());
        builder.environment().put("PS_URL", RealService.URL.toString());
        builder.environment().put("PS_TOKEN", token);
        builder.environment().put("DB", home.resolve("sdk.db").toString());
        return lastJsonLine(builder.start(), "the SDK", home.resolve("stderr.log"));
    }

    private JsonNode hexsync(String token, int run) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("hexsync-bench-" + run));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvmArgs = System.getProperty("hexsync.bench.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        if (Boolean.getBoolean("hexsync.bench.jfr")) {
            Path recording = Path.of("target", "realservice-benchmark-hexsync-" + run + ".jfr").toAbsolutePath();
            command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
            out.printf("  (JFR recording of hexsync's run: %s)%n", recording);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RealServiceBenchmarkWorker.class.getName(),
                home.resolve("hexsync.db").toString(), RealService.URL.toString(), token));
        Process process = new ProcessBuilder(command).redirectError(home.resolve("stderr.log").toFile()).start();
        return lastJsonLine(process, "hexsync", home.resolve("stderr.log"));
    }

    private static JsonNode lastJsonLine(Process process, String who, Path stderr) throws IOException, InterruptedException {
        process.getOutputStream().close();
        JsonNode last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("{")) {
                    last = JSON.readTree(line);
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || last == null) {
            process.destroyForcibly();
            throw new AssertionError(who + " failed; its stderr: " + Files.readString(stderr));
        }
        return last;
    }

    /** Counts the bytes read through it (on the wire, before any decoding). */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
