package dev.hexsync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.testkit.logs.CapturedLogs;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.TransportException;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token never reaches a log, at any level: HttpClient's loggers and hexsync's own, all through SLF4J and
 * captured at TRACE by {@link CapturedLogs} (header and wire loggers included), while a sync stream, a write
 * checkpoint and a refused request run against the emulator over real HTTP.
 */
class TokenNeverLoggedTest {
    private static final String BODY = "{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,\"binary_data\":false,"
            + "\"client_id\":\"client-1\",\"parameters\":{},\"streams\":{\"include_defaults\":true,\"subscriptions\":[]}}";

    @AfterEach
    void stopCapturing() {
        CapturedLogs.stop();
    }

    @Test
    void neitherHttpClientsLoggersNorOursEverSeeTheToken() {
        List<String> logged;
        String token;
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build().start();
                HttpSyncTransport transport = HttpSyncTransport.create()) {
            emulator.put("todos", "t1", Map.of("description", "Milk"));
            token = emulator.issueToken("user-1");
            Credentials credentials = Credentials.of(emulator.endpoint().toString(), token);
            Credentials refused = Credentials.of(emulator.endpoint().toString(), token.substring(0, token.length() - 4) + "AAAA");

            CapturedLogs.start();
            List<String> lines = new ArrayList<>();
            try (SyncStream stream = transport.openStream(credentials, BODY)) {
                StreamLine line;
                while ((line = stream.next()) != null) {
                    String text = line instanceof StreamLine.Text t ? t.line()
                            : new String(((StreamLine.Binary) line).document(), StandardCharsets.ISO_8859_1);
                    lines.add(text);
                    if (text.contains("checkpoint_complete")) {
                        break;
                    }
                }
            }
            String writeCheckpoint = transport.fetchWriteCheckpoint(credentials, "client-1");
            assertThatThrownBy(() -> transport.openStream(refused, BODY).close()).isInstanceOf(TransportException.class);
            logged = CapturedLogs.stop();

            assertThat(lines).anyMatch(text -> text.contains("Milk"));
            assertThat(writeCheckpoint).isNotBlank();
        }

        assertThat(logged).as("HttpClient's header logger was captured")
                .anyMatch(line -> line.contains("org.apache.hc.client5.http.headers") && line.contains("Authorization"));
        assertThat(logged).as("hexsync's own transport logger was captured")
                .anyMatch(line -> line.contains(HttpSyncTransport.class.getName()));
        assertThat(String.join("\n", logged)).doesNotContain(token).doesNotContain(token.substring(token.length() - 12));
    }
}
