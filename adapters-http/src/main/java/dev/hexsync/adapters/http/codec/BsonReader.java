package dev.hexsync.adapters.http.codec;

import dev.hexsync.ports.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A BSON document reader, just large enough for sync lines, presented as a {@link WireReader} token stream.
 *
 * <p>Why our own reader rather than a BSON library: the protocol uses a handful of element types, a reader
 * for them is a page of code, and it keeps the adapter free of a dependency (and of that library's idea of
 * which values are acceptable). More importantly it lets us mirror the engine's own BSON reader exactly: the
 * same element types are known (double, string, document, array, binary, undefined, object id, bool,
 * datetime, null, int32, timestamp, int64), anything else is rejected, array keys are not checked, and a
 * boolean is true for any non-zero byte.
 *
 * <p>Every length is validated against the enclosing document before it is trusted, so a hostile or
 * truncated input can only produce a {@link ProtocolException}, never a read past the buffer, a huge
 * allocation or a loop that does not advance. Unlike the engine it also checks string terminators and
 * refuses bytes after the top-level document: a framing mistake should surface, not be skipped.
 */
final class BsonReader implements WireReader {
    private static final int TYPE_DOUBLE = 0x01;
    private static final int TYPE_STRING = 0x02;
    private static final int TYPE_DOCUMENT = 0x03;
    private static final int TYPE_ARRAY = 0x04;
    private static final int TYPE_BINARY = 0x05;
    private static final int TYPE_UNDEFINED = 0x06;
    private static final int TYPE_OBJECT_ID = 0x07;
    private static final int TYPE_BOOLEAN = 0x08;
    private static final int TYPE_DATETIME = 0x09;
    private static final int TYPE_NULL = 0x0A;
    private static final int TYPE_INT32 = 0x10;
    private static final int TYPE_TIMESTAMP = 0x11;
    private static final int TYPE_INT64 = 0x12;

    private static final int NO_PENDING_VALUE = -1;
    private static final int MIN_DOCUMENT_SIZE = 5;

    private final byte[] buffer;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private boolean started;
    /** Index of the terminating zero byte of each open document; {@code depth} entries are live. */
    private int[] ends = new int[8];
    private boolean[] arrays = new boolean[8];
    private int depth;
    /** Element type whose name has been read but whose value has not, or {@link #NO_PENDING_VALUE}. */
    private int pendingType = NO_PENDING_VALUE;

    private String name;
    private String string;
    private byte[] bytes;
    private NumberForm numberForm;
    private long longValue;
    private double doubleValue;
    private boolean booleanValue;

    BsonReader(byte[] buffer) {
        this.buffer = buffer;
    }

    @Override
    public Token next() {
        if (!started) {
            started = true;
            openDocument(false, buffer.length);
            return Token.START_OBJECT;
        }
        if (pendingType != NO_PENDING_VALUE) {
            int type = pendingType;
            pendingType = NO_PENDING_VALUE;
            return readValue(type);
        }
        if (depth == 0) {
            if (position != buffer.length) {
                throw malformed(position, (buffer.length - position) + " unexpected bytes after the document");
            }
            return Token.END_OF_INPUT;
        }
        int end = ends[depth - 1];
        if (position == end) {
            if (buffer[position] != 0) {
                throw malformed(position, "document does not end with a zero byte");
            }
            position++;
            depth--;
            return arrays[depth] ? Token.END_ARRAY : Token.END_OBJECT;
        }
        int typeOffset = position;
        int type = buffer[position++] & 0xFF;
        if (!isKnownType(type)) {
            throw malformed(typeOffset, type == 0
                    ? "document ends before its declared size"
                    : String.format("unsupported element type 0x%02x", type));
        }
        String key = readCString(end);
        if (arrays[depth - 1]) {
            // The engine reads array elements in order and ignores their keys ("0", "1", ...), so do we.
            return readValue(type);
        }
        name = key;
        pendingType = type;
        return Token.FIELD_NAME;
    }

    private static boolean isKnownType(int type) {
        return (type >= TYPE_DOUBLE && type <= TYPE_NULL) || (type >= TYPE_INT32 && type <= TYPE_INT64);
    }

    private Token readValue(int type) {
        int end = ends[depth - 1];
        switch (type) {
            case TYPE_DOUBLE:
                numberForm = NumberForm.DOUBLE;
                doubleValue = Double.longBitsToDouble(readLong(end));
                return Token.NUMBER;
            case TYPE_STRING:
                string = readString(end);
                return Token.STRING;
            case TYPE_DOCUMENT:
                openDocument(false, end);
                return Token.START_OBJECT;
            case TYPE_ARRAY:
                openDocument(true, end);
                return Token.START_ARRAY;
            case TYPE_BINARY: {
                int lengthOffset = position;
                int length = readInt(end);
                if (length < 0) {
                    throw malformed(lengthOffset, "negative binary length " + length);
                }
                require(1 + (long) length, end, "binary value");
                position++; // subtype: the engine does not look at it either
                bytes = Arrays.copyOfRange(buffer, position, position + length);
                position += length;
                return Token.BYTES;
            }
            case TYPE_UNDEFINED:
                return Token.UNDEFINED;
            case TYPE_OBJECT_ID:
                require(12, end, "object id");
                bytes = Arrays.copyOfRange(buffer, position, position + 12);
                position += 12;
                return Token.BYTES;
            case TYPE_BOOLEAN:
                require(1, end, "boolean");
                booleanValue = buffer[position++] != 0;
                return Token.BOOLEAN;
            case TYPE_DATETIME:
            case TYPE_TIMESTAMP:
                // The engine hands both to serde as unsigned 64-bit integers.
                numberForm = NumberForm.UINT64;
                longValue = readLong(end);
                return Token.NUMBER;
            case TYPE_NULL:
                return Token.NULL;
            case TYPE_INT32:
                numberForm = NumberForm.INT32;
                longValue = readInt(end);
                return Token.NUMBER;
            case TYPE_INT64:
                numberForm = NumberForm.INT64;
                longValue = readLong(end);
                return Token.NUMBER;
            default:
                throw new IllegalStateException("type was validated: " + type);
        }
    }

    /** Reads a document header at {@link #position}; {@code limit} is the first byte it may not include. */
    private void openDocument(boolean array, int limit) {
        int start = position;
        int size = readInt(limit);
        if (size < MIN_DOCUMENT_SIZE) {
            throw malformed(start, "invalid document size " + size + " (the minimum is 5)");
        }
        if (size > limit - start) {
            throw malformed(start, "document size " + size + " exceeds the " + (limit - start) + " bytes available");
        }
        if (depth == ends.length) {
            ends = Arrays.copyOf(ends, depth * 2);
            arrays = Arrays.copyOf(arrays, depth * 2);
        }
        ends[depth] = start + size - 1;
        arrays[depth] = array;
        depth++;
    }

    private void require(long count, int end, String what) {
        if (count > end - position) {
            throw malformed(position, "truncated " + what + ": needs " + count + " bytes, "
                    + Math.max(0, end - position) + " left in the document");
        }
    }

    private int readInt(int end) {
        require(4, end, "int32");
        int p = position;
        position += 4;
        return (buffer[p] & 0xFF) | (buffer[p + 1] & 0xFF) << 8 | (buffer[p + 2] & 0xFF) << 16
                | (buffer[p + 3] & 0xFF) << 24;
    }

    private long readLong(int end) {
        require(8, end, "64-bit value");
        long low = readInt(end) & 0xFFFFFFFFL;
        long high = readInt(end) & 0xFFFFFFFFL;
        return low | high << 32;
    }

    private String readCString(int end) {
        int start = position;
        int zero = start;
        while (zero < end && buffer[zero] != 0) {
            zero++;
        }
        if (zero == end) {
            throw malformed(start, "unterminated element name");
        }
        position = zero + 1;
        return decodeUtf8(start, zero - start);
    }

    private String readString(int end) {
        int lengthOffset = position;
        int length = readInt(end);
        if (length < 1) {
            throw malformed(lengthOffset, "invalid string length " + length + " (the minimum is 1)");
        }
        require(length, end, "string");
        int start = position;
        position += length;
        if (buffer[position - 1] != 0) {
            throw malformed(position - 1, "string is not terminated by a zero byte");
        }
        return decodeUtf8(start, length - 1);
    }

    private String decodeUtf8(int offset, int length) {
        // ASCII is the common case (keys, ids, op ids) and needs no validation beyond the byte range.
        int i = offset;
        int limit = offset + length;
        while (i < limit && buffer[i] >= 0) {
            i++;
        }
        if (i == limit) {
            return new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(buffer, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(offset, "invalid UTF-8 in text", e);
        }
    }

    @Override
    public void skipChildren() {
        int target = depth - 1;
        while (depth > target) {
            next();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String string() {
        return string;
    }

    @Override
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public NumberForm numberForm() {
        return numberForm;
    }

    @Override
    public long longValue() {
        return longValue;
    }

    @Override
    public double doubleValue() {
        return doubleValue;
    }

    @Override
    public boolean booleanValue() {
        return booleanValue;
    }

    @Override
    public String formatName() {
        return "BSON";
    }

    private static ProtocolException malformed(int offset, String problem) {
        return new ProtocolException("Malformed BSON sync line at byte " + offset + ": " + problem);
    }

    private static ProtocolException malformed(int offset, String problem, Throwable cause) {
        return new ProtocolException("Malformed BSON sync line at byte " + offset + ": " + problem, cause);
    }
}
