package dev.hexsync.cli.campaign;

import dev.hexsync.adapters.http.HttpSyncTransport;
import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The child JVM of {@link HugeLineTest}: reads one sync stream with the production transport inside a small
 * heap and reports, one line each, every line it got and how the stream ended.
 *
 * <pre>
 * args: ENDPOINT BSON(true|false)
 * prints: ready
 * read -> "line KIND BYTES" per line, then "ended" | "rejected CLASS: MESSAGE" | "crashed CLASS: MESSAGE",
 *         then "heap PEAK-MB" (the most the heap held, from the collector's pools)
 * </pre>
 */
public final class HugeLineReader {
    private HugeLineReader() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        URI endpoint = URI.create(args[0]);
        boolean bson = Boolean.parseBoolean(args[1]);
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = in.readLine(); command != null; command = in.readLine()) {
            if (command.equals("read")) {
                read(endpoint, bson, out);
            }
        }
        System.exit(0);
    }

    private static void read(URI endpoint, boolean bson, PrintStream out) {
        try (HttpSyncTransport transport = HttpSyncTransport.builder().acceptBson(bson)
                .readTimeout(Duration.ofSeconds(60)).build();
                SyncStream stream = transport.openStream(new Credentials(endpoint, "token", Optional.empty()), "{}")) {
            for (StreamLine line = stream.next(); line != null; line = stream.next()) {
                out.println(line instanceof StreamLine.Text text ? "line text " + text.line().length()
                        : "line binary " + ((StreamLine.Binary) line).document().length);
            }
            out.println("ended");
        } catch (HexSyncException e) {
            out.println("rejected " + e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' '));
        } catch (Throwable e) {
            out.println("crashed " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        out.println("heap " + peak / (1024 * 1024));
    }
}
