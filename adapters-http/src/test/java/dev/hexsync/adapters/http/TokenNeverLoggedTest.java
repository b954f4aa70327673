package dev.hexsync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.adapters.http.logs.CapturedLogs;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.TransportException;
import dev.hexsync.testkit.emulator.SyncServiceEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token never reaches a log, at any level: HttpClient's loggers (through SLF4J, captured at TRACE by
 * {@link CapturedLogs}, header and wire loggers included) and hexsync's own (System.Logger, through
 * java.util.logging at ALL), while a sync stream, a write checkpoint and a refused request run against the
 * emulator over real HTTP.
 */
class TokenNeverLoggedTest {
    private static final String BODY = "{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,\"binary_data\":false,"
            + "\"client_id\":\"client-1\",\"parameters\":{},\"streams\":{\"include_defaults\":true,\"subscriptions\":[]}}";

    private final List<String> julLines = new CopyOnWriteArrayList<>();
    private final Logger julRoot = Logger.getLogger("");
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler julCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level julLevel;

    @BeforeEach
    void captureJul() {
        julLevel = julRoot.getLevel();
        julRoot.setLevel(Level.ALL);
        julCapture.setLevel(Level.ALL);
        julRoot.addHandler(julCapture);
    }

    @AfterEach
    void restoreJul() {
        julRoot.removeHandler(julCapture);
        julRoot.setLevel(julLevel);
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
        assertThat(String.join("\n", logged)).doesNotContain(token).doesNotContain(token.substring(token.length() - 12));
        assertThat(String.join("\n", julLines)).doesNotContain(token).doesNotContain(token.substring(token.length() - 12));
    }
}
