package dev.hexsync.adapters.http.codec;

import static dev.hexsync.adapters.http.codec.TestBson.array;
import static dev.hexsync.adapters.http.codec.TestBson.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.BucketSubscriptionReason.DefaultStream;
import dev.hexsync.ports.model.BucketSubscriptionReason.ExplicitSubscription;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.model.StreamDescription.StreamSubscriptionError;
import dev.hexsync.ports.model.SyncLine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BSON lines: they decode to exactly what the same line in JSON decodes to, follow the engine's BSON-specific
 * type rules, and malformed documents are refused with a {@link ProtocolException} naming the byte offset.
 */
class SyncLineCodecBsonTest {
    private static final SyncLineCodec CODEC = new SyncLineCodec();

    private static SyncLine decode(Map<String, Object> document) {
        return CODEC.decodeBinary(TestBson.encode(document));
    }

    private static void assertInvalid(Map<String, Object> document, String... messageParts) {
        assertInvalid(TestBson.encode(document), messageParts);
    }

    private static void assertInvalid(byte[] bson, String... messageParts) {
        assertThatThrownBy(() -> CODEC.decodeBinary(bson))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContainingAll(messageParts);
    }

    private static Map<String, Object> checkpointWithBucket(Map<String, Object> bucket) {
        return doc("checkpoint", doc("last_op_id", "1", "buckets", array(bucket)));
    }

    private static BucketChecksum bucket(Map<String, Object> bucket) {
        return ((SyncLine.Checkpoint) decode(checkpointWithBucket(bucket))).buckets().get(0);
    }

    private static Map<String, Object> dataWithOp(Map<String, Object> op) {
        return doc("data", doc("bucket", "b", "data", array(op)));
    }

    private static OplogEntry op(Map<String, Object> op) {
        return ((SyncLine.Data) decode(dataWithOp(op))).data().get(0);
    }

    private static byte[] bytes(String hexWithSpaces) {
        return HexFormat.of().parseHex(hexWithSpaces.replace(" ", ""));
    }

    @Nested
    class EngineTestDocuments {
        @Test
        void checkpointLineFromTheEngineTests() {
            // The bytes of the engine's bson::test_checkpoint_line.
            byte[] bson = ("\u0085\0\0\0\u0003checkpoint\0t\0\0\0\u0002last_op_id\0\u0002\0\0\u00001\0"
                    + "\nwrite_checkpoint\0\u0004buckets\0B\0\0\0\u00030\0:\0\0\0\u0002bucket\0\u0002\0\0\0a\0"
                    + "\u0010checksum\0\0\0\0\0\u0010priority\0\u0003\0\0\0\u0010count\0\u0001\0\0\0\0\0\0\0")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(CODEC.decodeBinary(bson)).isEqualTo(new SyncLine.Checkpoint(new OpId(1), Optional.empty(),
                    List.of(new BucketChecksum("a", Checksum.ZERO, 3, OptionalLong.of(1), List.of())), List.of()));
        }

        @Test
        void tokenExpiresInFromTheEngineTests() {
            byte[] bson = "\u001b\0\0\0\u0010token_expires_in\0<\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(CODEC.decodeBinary(bson)).isEqualTo(new SyncLine.TokenExpiresIn(60));
        }
    }

    @Nested
    class SameAsJson {
        static Stream<Arguments> lines() {
            return Stream.of(
                    "{'checkpoint':{'last_op_id':'10','write_checkpoint':'7','buckets':[{'bucket':'a','checksum':-1,"
                            + "'priority':1,'count':5,'subscriptions':[{'default':0},{'sub':1}]},"
                            + "{'bucket':'b','checksum':3573495687}],'streams':[{'name':'s','is_default':true,"
                            + "'errors':[{'subscription':'default','message':'m'},{'subscription':2,'message':'n'}]}]}}",
                    "{'checkpoint_diff':{'last_op_id':'11','updated_buckets':[{'bucket':'a','checksum':0}],"
                            + "'removed_buckets':['x','y'],'write_checkpoint':null}}",
                    "{'data':{'bucket':'b','has_more':false,'after':null,'data':[{'op_id':'1','op':'PUT',"
                            + "'object_type':'t','object_id':'i','subkey':'s','data':'{\\'a\\':1}','checksum':2168140818},"
                            + "{'op_id':'2','op':'REMOVE','object_type':'t','object_id':'i','data':null,'checksum':-5},"
                            + "{'op_id':'3','op':'MOVE','checksum':0},{'op_id':'4','op':'CLEAR','checksum':4294967295}]}}",
                    "{'checkpoint_complete':{'last_op_id':'12'}}",
                    "{'checkpoint_complete':{}}",
                    "{'partial_checkpoint_complete':{'last_op_id':'12','priority':0}}",
                    "{'token_expires_in':0}",
                    "{'token_expires_in':-30}",
                    "{'something_new':{'a':[1,2,{'b':null}]}}",
                    "{'something_new':5}").map(l -> Arguments.of(SyncLineCodecJsonTest.json(l)));
        }

        @ParameterizedTest
        @MethodSource("lines")
        void decodesToTheSameLine(String json) {
            SyncLine fromJson = CODEC.decodeText(json);
            for (TestBson.WideIntegers wide : TestBson.WideIntegers.values()) {
                assertThat(CODEC.decodeBinary(TestBson.encode(TestBson.fromJson(json, wide)))).isEqualTo(fromJson);
            }
        }
    }

    @Nested
    class Numbers {
        @Test
        void checksumInEveryNumericForm() {
            Checksum expected = Checksum.of(3573495687L);
            for (Object form : List.of(-721471609, 3573495687L, -721471609L, 3573495687.0, -721471609.0,
                    new TestBson.Timestamp(3573495687L), new TestBson.Datetime(3573495687L))) {
                assertThat(bucket(doc("bucket", "a", "checksum", form)).checksum()).as("%s", form).isEqualTo(expected);
            }
            assertThat(bucket(doc("bucket", "a", "checksum", Integer.MIN_VALUE)).checksum())
                    .isEqualTo(Checksum.of(0x8000_0000L));
        }

        @Test
        void checksumOutOfRangeOrFractional() {
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 4294967296L)),
                    "Invalid BSON sync line at checkpoint.buckets[0].checksum", "out of range", "the int64 4294967296");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", -2147483649L)), "out of range");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", new TestBson.Timestamp(-1))),
                    "out of range", "the datetime/timestamp 18446744073709551615");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 1.5)), "whole number", "the double 1.5");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", Double.NaN)), "whole number");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", Double.POSITIVE_INFINITY)),
                    "whole number");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", "10")), "expected a checksum as a number");
        }

        @Test
        void priorityInIntegerForms() {
            assertThat(bucket(doc("bucket", "a", "checksum", 0, "priority", 1)).priority()).isEqualTo(1);
            assertThat(bucket(doc("bucket", "a", "checksum", 0, "priority", 2L)).priority()).isEqualTo(2);
            assertThat(bucket(doc("bucket", "a", "checksum", 0, "priority", null)).priority()).isEqualTo(3);
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "priority", 1.0)),
                    "at checkpoint.buckets[0].priority", "expected a priority as a non-negative integer");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "priority", Integer.MAX_VALUE)),
                    "reserved");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "priority", 1L << 32)),
                    "out of range");
        }

        @Test
        void countAndTokenExpiry() {
            assertThat(bucket(doc("bucket", "a", "checksum", 0, "count", 5)).count()).hasValue(5);
            assertThat(bucket(doc("bucket", "a", "checksum", 0, "count", 1L << 40)).count()).hasValue(1L << 40);
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "count", 5.0)), "expected a count");
            assertThat(decode(doc("token_expires_in", 60L))).isEqualTo(new SyncLine.TokenExpiresIn(60));
            assertInvalid(doc("token_expires_in", 60.0), "at token_expires_in", "the double 60.0");
            assertInvalid(doc("token_expires_in", 1L << 31), "at token_expires_in");
        }

        @Test
        void subscriptionIndexes() {
            assertThat(bucket(doc("bucket", "a", "checksum", 0, "subscriptions",
                    array(doc("default", 1), doc("sub", 2L)))).subscriptions())
                    .containsExactly(new DefaultStream(1), new ExplicitSubscription(2));
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "subscriptions",
                    array(doc("default", -1)))), "subscriptions[0].default", "non-negative");
        }

        @Test
        void streamErrorSubscriptionTakesInt32ButNotInt64LikeTheEngine() {
            Map<String, Object> int32 = doc("checkpoint", doc("last_op_id", "1", "buckets", array(), "streams",
                    array(doc("name", "s", "is_default", false, "errors",
                            array(doc("subscription", 4, "message", "m"))))));
            assertThat(((SyncLine.Checkpoint) decode(int32)).streams())
                    .containsExactly(new StreamDescription("s", false, List.of(new StreamSubscriptionError(4, "m"))));
            Map<String, Object> int64 = doc("checkpoint", doc("last_op_id", "1", "buckets", array(), "streams",
                    array(doc("name", "s", "is_default", false, "errors",
                            array(doc("subscription", 4L, "message", "m"))))));
            assertInvalid(int64, "at checkpoint.streams[0].errors[0].subscription", "the int64 4");
        }

        @Test
        void opIdsMustBeStringsInBsonToo() {
            assertThat(op(doc("op_id", "9223372036854775807", "op", "MOVE", "checksum", 0)).opId()).isEqualTo(OpId.MAX);
            assertInvalid(dataWithOp(doc("op_id", 5L, "op", "MOVE", "checksum", 0)), "at data.data[0].op_id",
                    "expected an op id as a decimal string, got the int64 5");
            assertInvalid(dataWithOp(doc("op_id", 5, "op", "MOVE", "checksum", 0)), "got the int32 5");
            assertInvalid(doc("checkpoint", doc("last_op_id", 1.0, "buckets", array())), "at checkpoint.last_op_id");
        }
    }

    @Nested
    class OtherTypes {
        @Test
        void binaryHoldingUtf8IsAStringLikeTheEngineReadsIt() {
            byte[] name = "b\u00e9".getBytes(StandardCharsets.UTF_8);
            assertThat(((SyncLine.Data) decode(doc("data", doc("bucket", name, "data", array())))).bucket())
                    .isEqualTo("b\u00e9");
            assertThat(op(doc("op_id", "1", "op", "PUT", "checksum", 0, "data", "{}".getBytes(StandardCharsets.UTF_8)))
                    .data()).isEqualTo("{}");
        }

        @Test
        void binaryThatIsNotUtf8IsNotAString() {
            assertInvalid(doc("data", doc("bucket", new byte[] {(byte) 0xff, 0x41}, "data", array())), "at data.bucket",
                    "not UTF-8");
        }

        @Test
        void binaryIsNotAnOpIdOrOpType() {
            assertInvalid(dataWithOp(doc("op_id", "1".getBytes(StandardCharsets.UTF_8), "op", "MOVE", "checksum", 0)),
                    "at data.data[0].op_id", "got binary data");
            assertInvalid(dataWithOp(doc("op_id", "1", "op", "MOVE".getBytes(StandardCharsets.UTF_8), "checksum", 0)),
                    "at data.data[0].op", "got binary data");
        }

        @Test
        void booleansAreAnyNonZeroByte() {
            byte[] bson = TestBson.encode(doc("checkpoint", doc("last_op_id", "1", "buckets", array(), "streams",
                    array(doc("name", "s", "is_default", true, "errors", array())))));
            int flag = indexOf(bson, "is_default\0".getBytes(StandardCharsets.UTF_8)) + "is_default\0".length();
            bson[flag] = 7;
            assertThat(((SyncLine.Checkpoint) CODEC.decodeBinary(bson)).streams().get(0).isDefault()).isTrue();
        }

        @Test
        void undefinedIsNotNull() {
            assertInvalid(dataWithOp(doc("op_id", "1", "op", "MOVE", "checksum", 0, "subkey", TestBson.UNDEFINED)),
                    "at data.data[0].subkey", "expected a string, got undefined");
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "priority", TestBson.UNDEFINED)),
                    "at checkpoint.buckets[0].priority", "got undefined");
        }

        @Test
        void rarerTypesAreFineWhereIgnored() {
            Map<String, Object> op = doc("op_id", "1", "op", "MOVE", "checksum", 0, "u", TestBson.UNDEFINED,
                    "oid", new TestBson.ObjectId(new byte[12]), "when", new TestBson.Datetime(1L), "ts",
                    new TestBson.Timestamp(2L), "bin", new byte[] {1, 2, 3}, "nested", doc("x", array(1, 2L, 3.0, true)));
            assertThat(op(op)).isEqualTo(new OplogEntry(new OpId(1), OpType.MOVE, null, null, null, null, Checksum.ZERO));
        }

        @Test
        void arrayKeysAreNotChecked() {
            // Arrays are documents keyed "0", "1", ...; the engine reads the values in order and ignores the keys.
            byte[] bson = TestBson.encode(doc("checkpoint_diff", doc("last_op_id", "1", "updated_buckets", array(),
                    "removed_buckets", array("a", "b"))));
            int keyOfSecond = indexOf(bson, new byte[] {2, '1', 0});
            bson[keyOfSecond + 1] = 'z';
            assertThat(((SyncLine.CheckpointDiff) CODEC.decodeBinary(bson)).removedBuckets()).containsExactly("a", "b");
        }

        @Test
        void deeplyNestedIgnoredValueNeedsNoRecursion() {
            assertThat(CODEC.decodeBinary(deeplyNested(100_000))).isEqualTo(new SyncLine.Unknown("unknown_kind"));
        }
    }

    @Nested
    class LineShape {
        @Test
        void twoTopLevelKeysAreRejectedLikeJson() {
            assertInvalid(doc("token_expires_in", 5, "checkpoint_complete", doc()), "exactly one key",
                    "'token_expires_in'", "'checkpoint_complete'");
        }

        @Test
        void emptyDocumentHasNoKind() {
            assertInvalid(doc(), "expected exactly one key", "empty object");
        }

        @Test
        void unknownKind() {
            assertThat(decode(doc("future", doc("x", 1)))).isEqualTo(new SyncLine.Unknown("future"));
            assertThat(decode(doc("future", null))).isEqualTo(new SyncLine.Unknown("future"));
        }

        @Test
        void subscriptionReasonHasExactlyOneKey() {
            assertInvalid(checkpointWithBucket(doc("bucket", "a", "checksum", 0, "subscriptions",
                    array(doc("default", 0, "sub", 1)))), "exactly one key");
        }

        @Test
        void duplicateFieldsAreRejected() {
            // A Map cannot hold a key twice, so write another key and rename it in the bytes.
            byte[] twice = TestBson.encode(doc("data", doc("bucket", "a", "buckez", "b", "data", array())));
            int renamed = indexOf(twice, "buckez".getBytes(StandardCharsets.UTF_8));
            twice[renamed + 5] = 't';
            assertInvalid(twice, "at data.bucket", "duplicate field");
        }
    }

    @Nested
    class MalformedDocuments {
        @Test
        void tooShortForAHeader() {
            assertInvalid(new byte[0], "Malformed BSON sync line at byte 0", "truncated");
            assertInvalid(new byte[] {5, 0, 0}, "Malformed BSON sync line at byte 0", "truncated");
        }

        @Test
        void sizeBelowMinimum() {
            assertInvalid(bytes("04000000 00"), "invalid document size 4");
            assertInvalid(bytes("00000000 00"), "invalid document size 0");
            assertInvalid(bytes("ffffffff 00"), "invalid document size -1");
        }

        @Test
        void sizeBeyondTheBuffer() {
            assertInvalid(bytes("ff000000 10 7465737400"), "document size 255 exceeds the 10 bytes available");
            assertInvalid(bytes("ffffff7f 00"), "exceeds");
        }

        @Test
        void trailingBytesAfterTheDocument() {
            byte[] valid = TestBson.encode(doc("token_expires_in", 5));
            byte[] longer = Arrays.copyOf(valid, valid.length + 2);
            assertInvalid(longer, "2 unexpected bytes after the document");
        }

        @Test
        void missingOrWrongTerminator() {
            // The engine's test_document_without_terminator: {"test": 42} with no terminator, the size one short.
            assertInvalid(bytes("0d000000 10 7465737400 2a000000"), "truncated int32");
            byte[] bson = TestBson.encode(doc("token_expires_in", 5));
            bson[bson.length - 1] = 1;
            assertInvalid(bson, "does not end with a zero byte");
        }

        @Test
        void terminatorBeforeTheDeclaredEnd() {
            // Declares 2 bytes more than its content; the zero byte comes early and is read as an element type.
            assertInvalid(bytes("07000000 00 0000"), "document ends before its declared size");
        }

        @Test
        void unsupportedElementTypes() {
            for (int type : new int[] {0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x13, 0x7F, 0xFF}) {
                byte[] bson = bytes("0c000000 00 7800 00000000 00");
                bson[4] = (byte) type;
                assertInvalid(bson, String.format("unsupported element type 0x%02x", type));
            }
        }

        @Test
        void unterminatedName() {
            assertInvalid(bytes("0a000000 10 7465737400"), "unterminated element name");
            assertInvalid(bytes("0a000000 10 7465737401"), "unterminated element name");
        }

        @Test
        void badStrings() {
            assertInvalid(bytes("0d000000 02 7800 00000000 00 00"), "invalid string length 0");
            assertInvalid(bytes("0d000000 02 7800 ffffffff 00 00"), "invalid string length -1");
            assertInvalid(bytes("0d000000 02 7800 ff000000 00 00"), "truncated string");
            assertInvalid(bytes("0e000000 02 7800 02000000 6161 00"), "string is not terminated by a zero byte");
            assertInvalid(bytes("0f000000 02 7800 03000000 ff61 00 00"), "invalid UTF-8");
            assertInvalid(bytes("0f000000 02 7800 03000000 c0af 00 00"), "invalid UTF-8");
            // A surrogate encoded in UTF-8 (CESU) is not UTF-8, as Rust's str::from_utf8 agrees.
            assertInvalid(bytes("10000000 02 7800 04000000 eda080 00 00"), "invalid UTF-8");
        }

        @Test
        void badName() {
            assertInvalid(bytes("0c000000 0a ff6100 0a7800 00"), "invalid UTF-8");
        }

        @Test
        void badBinary() {
            assertInvalid(bytes("0e000000 05 7800 ffffffff 00 00 00"), "negative binary length -1");
            assertInvalid(bytes("0e000000 05 7800 10000000 00 00 00"), "truncated binary value");
        }

        @Test
        void truncatedScalars() {
            assertInvalid(bytes("0b000000 01 7800 00000000"), "truncated 64-bit value");
            assertInvalid(bytes("0b000000 12 7800 00000000"), "truncated 64-bit value");
            assertInvalid(bytes("08000000 08 7800 00"), "truncated boolean");
            assertInvalid(bytes("0c000000 07 7800 0000000000"), "truncated object id");
        }

        @Test
        void nestedDocumentMustFitItsParent() {
            // Outer size 17, inner declares 32.
            assertInvalid(bytes("11000000 03 7800 20000000 0a7900 00 00 00"), "exceeds");
            assertInvalid(bytes("11000000 03 7800 04000000 0a7900 00 00 00"), "invalid document size 4");
        }

        @Test
        void errorsNameTheByteOffset() {
            assertInvalid(bytes("0e000000 02 7800 02000000 6161 00"), "at byte 12");
        }
    }

    /** {"unknown_kind": [[[...[{"x": 1}]...]]]} with {@code depth} arrays, written without recursion. */
    static byte[] deeplyNested(int depth) {
        byte[] innermost = TestBson.encode(doc("x", 1));
        byte[] key = "unknown_kind".getBytes(StandardCharsets.UTF_8);
        int outerValueSize = innermost.length + 8 * depth;
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + key.length + 1 + outerValueSize + 1).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(out.capacity()).put((byte) 0x04).put(key).put((byte) 0);
        for (int level = depth; level >= 1; level--) {
            out.putInt(innermost.length + 8 * level).put((byte) (level == 1 ? 0x03 : 0x04)).put((byte) '0').put((byte) 0);
        }
        out.put(innermost);
        for (int level = 0; level <= depth; level++) {
            out.put((byte) 0);
        }
        return out.array();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void writerSanityCheck() {
        // {"hello": "world"}, the engine's bson::test_hello_world bytes.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("\u0016\0\0\0\u0002hello\0\u0006\0\0\0world\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(TestBson.encode(doc("hello", "world"))).isEqualTo(expected.toByteArray());
    }
}
