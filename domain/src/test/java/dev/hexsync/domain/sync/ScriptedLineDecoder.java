package dev.hexsync.domain.sync;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.sync.SyncLineDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A decoder for domain tests: each line is a text the test registered together with the record it stands
 * for, so the engine runs without the JSON codec (which lives in an adapter). The text's UTF-8 length is
 * what the engine counts as the line's size, so a test that checks {@code downloaded_size} chooses it.
 */
final class ScriptedLineDecoder implements SyncLineDecoder {
    private final Map<String, SyncLine> lines = new HashMap<>();
    private int next;

    /** Registers {@code line} under a fresh text and returns that text. */
    String register(SyncLine line) {
        String text = "line-" + (next++) + "-" + line.getClass().getSimpleName();
        lines.put(text, line);
        return text;
    }

    /** Registers {@code line} under a text of the test's choosing. */
    String register(String text, SyncLine line) {
        SyncLine previous = lines.putIfAbsent(text, line);
        if (previous != null && !previous.equals(line)) {
            throw new IllegalArgumentException("text already stands for another line: " + text);
        }
        return text;
    }

    @Override
    public SyncLine decodeText(String line) {
        SyncLine decoded = lines.get(line);
        if (decoded == null) {
            throw new ProtocolException("unregistered test line: " + line);
        }
        return decoded;
    }

    @Override
    public SyncLine decodeBinary(byte[] document) {
        return decodeText(new String(document, StandardCharsets.UTF_8));
    }
}
