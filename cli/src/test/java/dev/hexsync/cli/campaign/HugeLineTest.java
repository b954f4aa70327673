package dev.hexsync.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hexsync.testkit.claims.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A single sync line of 100 MB, NDJSON and BSON, read by the production transport in a child JVM whose heap
 * is 160 MB: buffering the line (100 MB of bytes, then twice that as a String) could not fit, so the child
 * must refuse the line with a typed error once it passes the frame limit, and live to say so. The server is a
 * JDK HTTP server on 127.0.0.1 that writes the line in 64 KiB chunks without ever holding it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HugeLineTest {
    private static final long LINE_BYTES = 100L * 1000 * 1000;
    private static final String HEAP = "-Xmx160m";
    private static final CampaignFigures FIGURES = new CampaignFigures("huge-line", "A single 100 MB sync line");

    private HttpServer server;
    private final AtomicLong sent = new AtomicLong();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aHundredMegabyteJsonLineIsRefusedWithinABoundedHeap() throws IOException {
        String result = readInChild(false, body -> {
            body.write("{\"checkpoint_complete\":{\"last_op_id\":\"1\"}}\n".getBytes(StandardCharsets.UTF_8));
            body.write("{\"data\":{\"bucket\":\"b\",\"data\":[{\"data\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            while (sent.get() < LINE_BYTES) {
                body.write(chunk);
                sent.addAndGet(chunk.length);
            }
            body.write("\"}]}}\n".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(result).startsWith("rejected ProtocolException: Sync stream line 2 is longer than 64 MiB");
    }

    @Test
    void aBsonFrameAnnouncingAHundredMegabytesIsRefusedBeforeItIsRead() throws IOException {
        String result = readInChild(true, body -> {
            int length = (int) LINE_BYTES;
            body.write(new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)});
            byte[] chunk = new byte[64 * 1024];
            while (sent.get() < LINE_BYTES) {
                body.write(chunk);
                sent.addAndGet(chunk.length);
            }
        });
        assertThat(result).startsWith("rejected ProtocolException").contains("above the limit of 64 MiB");
    }

    private interface Body {
        void write(OutputStream body) throws IOException;
    }

    private String readInChild(boolean bson, Body body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sync/stream", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", bson ? "application/vnd.powersync.bson-stream"
                    : "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                body.write(out);
            } catch (IOException clientGone) {
                // The client refused the line and closed the connection: what the test expects.
            }
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        try (ChildJvm child = ChildJvm.start(List.of(HEAP), HugeLineReader.class.getName(),
                List.of(endpoint, Boolean.toString(bson)), "ready", Duration.ofSeconds(60))) {
            child.send("read");
            String line;
            while ((line = child.nextLine(Duration.ofSeconds(120))).startsWith("line ")) {
                assertThat(line).as("lines before the huge one").startsWith("line text");
            }
            String heap = child.nextLine(Duration.ofSeconds(30));
            assertThat(heap).startsWith("heap ");
            long peakMb = Long.parseLong(heap.substring("heap ".length()));
            FIGURES.put((bson ? "bson" : "ndjson") + " result", line).put((bson ? "bson" : "ndjson") + " heap peak MB", peakMb)
                    .put("heap limit", HEAP).put("line bytes", LINE_BYTES);
            FIGURES.add("cases", 1).add("faults injected", 1).put("lost", 0);
            FIGURES.save();
            assertThat(peakMb).as("the child's peak heap, MB").isLessThan(160);
            return line;
        }
    }
}
