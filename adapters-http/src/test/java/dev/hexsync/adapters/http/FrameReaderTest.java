package dev.hexsync.adapters.http;

import static dev.hexsync.adapters.http.TestBsonDocuments.checkpointComplete;
import static dev.hexsync.adapters.http.TestBsonDocuments.concat;
import static dev.hexsync.adapters.http.TestBsonDocuments.littleEndian;
import static dev.hexsync.adapters.http.TestBsonDocuments.tokenExpiresIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.transport.StreamLine;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two framings on in-memory bodies, including bodies that arrive one byte per read. */
class FrameReaderTest {

    /** Hands out at most {@code step} bytes per read, as a slow network does. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static List<StreamLine> readAll(FrameReader reader) throws IOException {
        List<StreamLine> lines = new ArrayList<>();
        for (StreamLine line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static List<String> texts(String body, int step) throws IOException {
        List<String> texts = new ArrayList<>();
        for (StreamLine line : readAll(new NdjsonFrameReader(trickle(body.getBytes(StandardCharsets.UTF_8), step)))) {
            texts.add(((StreamLine.Text) line).line());
        }
        return texts;
    }

    @Nested
    class Ndjson {
        @ParameterizedTest(name = "{0} byte(s) per read")
        @ValueSource(ints = {1, 2, 3, 7, 16 * 1024})
        void splitsOnNewlinesWhateverTheReadSize(int step) throws IOException {
            assertThat(texts("{\"a\":1}\n{\"b\":\"é€😀\"}\n{\"c\":3}\n", step))
                    .containsExactly("{\"a\":1}", "{\"b\":\"é€😀\"}", "{\"c\":3}");
        }

        @Test
        void dropsCarriageReturnsAndSkipsBlankLines() throws IOException {
            assertThat(texts("\n{\"a\":1}\r\n\r\n  \n\t\r\n{\"b\":2}\n\n", 5))
                    .containsExactly("{\"a\":1}", "{\"b\":2}");
        }

        @Test
        void anEmptyBodyHasNoLines() throws IOException {
            assertThat(texts("", 1)).isEmpty();
            assertThat(texts("\r\n\n", 1)).isEmpty();
        }

        @Test
        void keepsLongLinesWhole() throws IOException {
            String longLine = "{\"data\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
            assertThat(texts(longLine + "\n{\"after\":1}\n", 64 * 1024)).containsExactly(longLine, "{\"after\":1}");
        }

        @Test
        void aBodyEndingInsideALineIsTruncated() throws IOException {
            byte[] body = "{\"a\":1}\n{\"b\":".getBytes(StandardCharsets.UTF_8);
            NdjsonFrameReader reader = new NdjsonFrameReader(trickle(body, 4));
            assertThat(reader.next()).isEqualTo(new StreamLine.Text("{\"a\":1}"));
            assertThatThrownBy(reader::next).isInstanceOf(EOFException.class).hasMessageContaining("middle of a line");
        }

        @Test
        void invalidUtf8IsAProtocolError() {
            byte[] body = concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC3, '"', '}', '\n'});
            assertThatThrownBy(() -> new NdjsonFrameReader(new ByteArrayInputStream(body)).next())
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("line 1 is not valid UTF-8");
        }

        @Test
        void refusesALineLongerThanTheLimit() {
            // An endless line: the limit must fire long before the heap runs out.
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 'x';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                    return len;
                }
            };
            assertThatThrownBy(() -> new NdjsonFrameReader(endless).next())
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than 64 MiB");
        }
    }

    @Nested
    class Bson {
        @ParameterizedTest(name = "{0} byte(s) per read")
        @ValueSource(ints = {1, 3, 5, 16 * 1024})
        void splitsConsecutiveDocumentsWhateverTheReadSize(int step) throws IOException {
            byte[] first = tokenExpiresIn(30);
            byte[] second = checkpointComplete("12");
            List<StreamLine> lines = readAll(new BsonFrameReader(trickle(concat(first, second, first), step)));
            assertThat(lines).hasSize(3);
            assertThat(((StreamLine.Binary) lines.get(0)).document()).isEqualTo(first);
            assertThat(((StreamLine.Binary) lines.get(1)).document()).isEqualTo(second);
            assertThat(((StreamLine.Binary) lines.get(2)).document()).isEqualTo(first);
        }

        @Test
        void anEmptyBodyHasNoDocuments() throws IOException {
            assertThat(new BsonFrameReader(new ByteArrayInputStream(new byte[0])).next()).isNull();
        }

        @ParameterizedTest(name = "cut after {0} bytes")
        @ValueSource(ints = {1, 3, 4, 10})
        void aBodyEndingInsideADocumentIsTruncated(int cut) throws IOException {
            byte[] document = checkpointComplete("12");
            byte[] body = concat(tokenExpiresIn(1), java.util.Arrays.copyOf(document, cut));
            BsonFrameReader reader = new BsonFrameReader(trickle(body, 2));
            assertThat(reader.next()).isInstanceOf(StreamLine.Binary.class);
            assertThatThrownBy(reader::next).isInstanceOf(EOFException.class).hasMessageContaining("document 2");
        }

        @ParameterizedTest(name = "length {0}")
        @ValueSource(ints = {-1, 0, 4, Integer.MIN_VALUE})
        void refusesLengthsBelowTheMinimum(int length) {
            byte[] body = concat(littleEndian(length), new byte[16]);
            assertThatThrownBy(() -> new BsonFrameReader(new ByteArrayInputStream(body)).next())
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("below the minimum of 5");
        }

        @Test
        void refusesLengthsAboveTheLimitWithoutAllocatingThem() {
            byte[] body = littleEndian(Integer.MAX_VALUE);
            assertThatThrownBy(() -> new BsonFrameReader(new ByteArrayInputStream(body)).next())
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("above the limit of 64 MiB");
        }
    }
}
