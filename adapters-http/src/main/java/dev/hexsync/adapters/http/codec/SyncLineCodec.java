package dev.hexsync.adapters.http.codec;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.sync.SyncLineDecoder;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes PowerSync sync lines, JSON text or BSON documents, with the PowerSync engine's own acceptance rules
 * (its {@code sync/line.rs}): a line is an object with exactly one key naming its kind; unknown kinds become
 * {@link SyncLine.Unknown}; unknown fields are ignored, known ones may not repeat; op ids are decimal strings;
 * checksums are 32-bit numbers, signed, unsigned or whole doubles; priorities are non-negative integers other
 * than 2147483647, defaulting to 3. Both encodings go through one set of rules, so a line decodes to the same
 * {@link SyncLine} whichever way it arrived.
 *
 * <p>JSON is read with Jackson's streaming parser, without building a tree, because a data line can carry
 * thousands of ops; an op's {@code data} stays the JSON string the service sent. BSON is read by
 * {@code BsonReader}, a small reader of our own (see there why).
 *
 * <p>Every malformed input, whatever the encoding, surfaces as a {@link ProtocolException} whose message names
 * the line part at fault (for example {@code data.data[3].op_id}). Instances are immutable and safe for
 * concurrent use.
 */
public final class SyncLineCodec implements SyncLineDecoder {
    private final JsonFactory jsonFactory;

    /** A codec with Jackson's strict JSON defaults (no comments, no NaN, no unquoted names). */
    public SyncLineCodec() {
        this.jsonFactory = JsonFactory.builder().build();
    }

    @Override
    public SyncLine decodeText(String line) {
        Objects.requireNonNull(line, "line is null");
        try (JsonParser parser = jsonFactory.createParser(ObjectReadContext.empty(), line)) {
            return new SyncLineParser(new JsonWireReader(parser)).parse();
        } catch (JacksonException e) {
            // The reader translates parse errors itself; this catches what creating or closing a parser throws.
            throw new ProtocolException("Malformed JSON sync line: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public SyncLine decodeBinary(byte[] document) {
        Objects.requireNonNull(document, "document is null");
        return new SyncLineParser(new BsonReader(document)).parse();
    }
}
