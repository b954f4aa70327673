package dev.hexsync.adapters.http;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.transport.StreamLine;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * BSON stream framing: documents back to back, each starting with its total length (little-endian int32,
 * counting the length itself). A frame is handed on whole, length included, as the line codec expects a
 * complete document; its contents are the codec's business.
 */
final class BsonFrameReader implements FrameReader {
    private static final int LENGTH_BYTES = 4;
    /** The length, a type-less terminator: the smallest valid document. */
    private static final int MIN_DOCUMENT_BYTES = 5;

    private final InputStream body;
    private final byte[] header = new byte[LENGTH_BYTES];
    private long documentNumber;

    BsonFrameReader(InputStream body) {
        this.body = body;
    }

    @Override
    public StreamLine next() throws IOException {
        int headerRead = readFully(header, 0, LENGTH_BYTES);
        if (headerRead == 0) {
            return null;
        }
        documentNumber++;
        if (headerRead < LENGTH_BYTES) {
            throw new EOFException("the body ended inside the length of BSON document " + documentNumber);
        }
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16 | (header[3] & 0xFF) << 24;
        if (length < MIN_DOCUMENT_BYTES) {
            throw new ProtocolException("Sync stream BSON document " + documentNumber + " declares length " + length
                    + ", below the minimum of " + MIN_DOCUMENT_BYTES + "; the stream is corrupt");
        }
        if (length > MAX_FRAME_BYTES) {
            throw new ProtocolException("Sync stream BSON document " + documentNumber + " declares length " + length
                    + ", above the limit of " + MAX_FRAME_BYTES / (1024 * 1024) + " MiB; refusing to buffer it");
        }
        byte[] document = new byte[length];
        System.arraycopy(header, 0, document, 0, LENGTH_BYTES);
        int read = readFully(document, LENGTH_BYTES, length - LENGTH_BYTES);
        if (read < length - LENGTH_BYTES) {
            throw new EOFException("the body ended inside BSON document " + documentNumber
                    + " (" + (LENGTH_BYTES + read) + " of " + length + " bytes)");
        }
        return new StreamLine.Binary(document);
    }

    /**
     * Reads until {@code length} bytes or the end of the body; returns how many were read. Our own loop rather
     * than {@code readNBytes}, which some streams override with a single read.
     */
    private int readFully(byte[] target, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int count = body.read(target, offset + total, length - total);
            if (count < 0) {
                break;
            }
            total += count;
        }
        return total;
    }
}
