package dev.hexsync.adapters.http.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.SyncLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input: truncated, mutated and random JSON and BSON. Whatever arrives, the codec either decodes a
 * line or throws {@link ProtocolException}, never another exception, and always finishes. Seeds are fixed so a
 * failure reproduces.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncLineCodecRobustnessTest {
    private static final SyncLineCodec CODEC = new SyncLineCodec();
    private static final int[] EXTREME_INTS = {0, 1, 4, 5, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFFFFF0};

    private static List<String> allFixtureLines() {
        List<String> lines = new ArrayList<>();
        for (String fixture : RealServiceFixturesTest.FIXTURES) {
            lines.addAll(RealServiceFixturesTest.lines(fixture));
        }
        return lines;
    }

    private static List<byte[]> allFixtureDocuments() {
        List<byte[]> documents = new ArrayList<>();
        for (String line : allFixtureLines()) {
            documents.add(TestBson.encode(TestBson.fromJson(line, TestBson.WideIntegers.INT64)));
        }
        return documents;
    }

    /** Decodes, accepting success or a ProtocolException, failing on anything else. */
    private static void decodeOrProtocolError(String what, Runnable decode) {
        try {
            decode.run();
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).as(what).isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + " threw " + e, e);
        }
    }

    @Test
    void everyTruncationOfEveryJsonLineIsAProtocolError() {
        for (String line : allFixtureLines()) {
            for (int length = 0; length < line.length(); length++) {
                String prefix = line.substring(0, length);
                assertThatThrownBy(() -> CODEC.decodeText(prefix)).as(prefix).isInstanceOf(ProtocolException.class);
            }
        }
    }

    @Test
    void everyTruncationOfEveryBsonDocumentIsAProtocolError() {
        for (byte[] document : allFixtureDocuments()) {
            for (int length = 0; length < document.length; length++) {
                byte[] prefix = Arrays.copyOf(document, length);
                assertThatThrownBy(() -> CODEC.decodeBinary(prefix)).isInstanceOf(ProtocolException.class);
            }
        }
    }

    @Test
    void mutatedJsonDecodesOrFailsCleanly() {
        Random random = new Random(20261122);
        String alphabet = "{}[]\":,0123456789-+.eE \\tnrufalsx\u00e9\u0000\u0001";
        List<String> lines = allFixtureLines();
        for (int i = 0; i < 30_000; i++) {
            char[] chars = lines.get(random.nextInt(lines.size())).toCharArray();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String mutated = new String(chars);
            decodeOrProtocolError(mutated, () -> CODEC.decodeText(mutated));
        }
    }

    @Test
    void mutatedBsonDecodesOrFailsCleanly() {
        Random random = new Random(424242);
        List<byte[]> documents = allFixtureDocuments();
        for (int i = 0; i < 30_000; i++) {
            byte[] bytes = documents.get(random.nextInt(documents.size())).clone();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            decodeOrProtocolError("mutation " + i, () -> CODEC.decodeBinary(bytes));
        }
    }

    @Test
    void extremeLengthsAtEveryOffsetOfABsonDocument() {
        // Every int32 the reader trusts is a length somewhere; overwrite each position with hostile values.
        for (byte[] document : allFixtureDocuments().subList(0, 6)) {
            for (int offset = 0; offset + 4 <= document.length; offset++) {
                for (int value : EXTREME_INTS) {
                    byte[] bytes = document.clone();
                    bytes[offset] = (byte) value;
                    bytes[offset + 1] = (byte) (value >>> 8);
                    bytes[offset + 2] = (byte) (value >>> 16);
                    bytes[offset + 3] = (byte) (value >>> 24);
                    decodeOrProtocolError("int " + value + " at " + offset, () -> CODEC.decodeBinary(bytes));
                }
            }
        }
    }

    @Test
    void randomBytesFailCleanly() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                // A plausible header makes the reader look further inside.
                bytes[0] = (byte) bytes.length;
                bytes[1] = 0;
                bytes[2] = 0;
                bytes[3] = 0;
            }
            decodeOrProtocolError("random BSON " + i, () -> CODEC.decodeBinary(bytes));
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            decodeOrProtocolError("random JSON " + i, () -> CODEC.decodeText(text));
        }
    }

    @Test
    void deepJsonNestingIsRefusedNotOverflowed() {
        String deep = "{\"unknown\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> CODEC.decodeText(deep)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("Malformed JSON sync line");
        String shallow = "{\"unknown\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertThat(CODEC.decodeText(shallow)).isEqualTo(new SyncLine.Unknown("unknown"));
    }

    @Test
    void concurrentUseIsSafe() throws InterruptedException {
        List<String> lines = allFixtureLines();
        List<byte[]> documents = allFixtureDocuments();
        List<SyncLine> expected = lines.stream().map(CODEC::decodeText).toList();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < lines.size(); i++) {
                            assertThat(CODEC.decodeText(lines.get(i))).isEqualTo(expected.get(i));
                            assertThat(CODEC.decodeBinary(documents.get(i))).isEqualTo(expected.get(i));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
