package dev.hexsync.adapters.http;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.transport.StreamLine;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NDJSON framing: one line per {@code '\n'}, a {@code '\r'} before it dropped, blank lines skipped (proxies
 * and test servers add them; the service does not).
 *
 * <p>Bytes are collected up to the newline and decoded once, rather than decoded as they arrive, so that a
 * multi-byte character split across two network reads is never a problem. The line buffer grows with the
 * longest line (a data line is about 1 MiB) and shrinks back after it, so a long stream does not keep its
 * largest line's buffer forever.
 */
final class NdjsonFrameReader implements FrameReader {
    private static final int READ_BUFFER = 16 * 1024;
    private static final int INITIAL_LINE_BUFFER = 4 * 1024;
    private static final int RETAINED_LINE_BUFFER = 1024 * 1024;

    private final InputStream body;
    private final byte[] read = new byte[READ_BUFFER];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private byte[] line = new byte[INITIAL_LINE_BUFFER];
    private int lineLength;
    private long lineNumber;

    NdjsonFrameReader(InputStream body) {
        this.body = body;
    }

    @Override
    public StreamLine next() throws IOException {
        while (true) {
            if (position == limit) {
                int count = body.read(read);
                if (count < 0) {
                    if (isBlank(line, lineLength)) {
                        return null;
                    }
                    // The service ends every line with '\n'; a body that stops short lost the rest of the line.
                    throw new EOFException("the body ended in the middle of a line ("
                            + lineLength + " bytes without a newline)");
                }
                position = 0;
                limit = count;
                continue;
            }
            int newline = indexOfNewline(read, position, limit);
            int end = newline < 0 ? limit : newline;
            append(read, position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                lineNumber++;
                StreamLine complete = takeLine();
                if (complete != null) {
                    return complete;
                }
            }
        }
    }

    private StreamLine takeLine() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineLength = 0;
        if (isBlank(line, length)) {
            return null;
        }
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("Sync stream line " + lineNumber + " is not valid UTF-8", e);
        } finally {
            if (line.length > RETAINED_LINE_BUFFER) {
                line = new byte[INITIAL_LINE_BUFFER];
            }
        }
        return new StreamLine.Text(text);
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        int needed = lineLength + length;
        if (needed > MAX_FRAME_BYTES) {
            throw new ProtocolException("Sync stream line " + (lineNumber + 1) + " is longer than "
                    + MAX_FRAME_BYTES / (1024 * 1024) + " MiB; refusing to buffer it");
        }
        if (needed > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(MAX_FRAME_BYTES, Math.max(needed, 2L * line.length)));
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength = needed;
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
