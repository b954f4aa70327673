package dev.hexsync.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes sync lines to a response body, NDJSON or BSON, flushing each one so it leaves at once (the service
 * flushes every chunk, compressed or not). Carries the stream's armed fault, if any.
 */
final class LineWriter {

    /** The two framings of the sync stream and their content types. */
    enum Format {
        NDJSON("application/x-ndjson"),
        BSON("application/vnd.powersync.bson-stream");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }
    }

    private final OutputStream out;
    private final Format format;
    private final JsonMapper mapper;
    private final Faults.StreamFault fault;
    private int lines;

    LineWriter(OutputStream out, Format format, JsonMapper mapper, Faults.StreamFault fault) {
        this.out = out;
        this.format = format;
        this.mapper = mapper;
        this.fault = fault;
    }

    Format format() {
        return format;
    }

    void write(Map<String, ?> line) throws IOException {
        byte[] bytes = encode(line);
        if (fault != null && lines == fault.afterLines()) {
            writeHalf(bytes);
            throw fault.drop() ? StreamTermination.abort() : StreamTermination.end();
        }
        out.write(bytes);
        out.flush();
        lines++;
    }

    /** Sends half of a keepalive line, then aborts: a connection cut mid-line. */
    void abortMidLine() throws IOException {
        writeHalf(encode(Map.of("token_expires_in", 0)));
        throw StreamTermination.abort();
    }

    private void writeHalf(byte[] bytes) throws IOException {
        out.write(bytes, 0, Math.max(1, bytes.length / 2));
        out.flush();
    }

    private byte[] encode(Map<String, ?> line) {
        if (format == Format.BSON) {
            return BsonDocuments.encode(line);
        }
        return (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
