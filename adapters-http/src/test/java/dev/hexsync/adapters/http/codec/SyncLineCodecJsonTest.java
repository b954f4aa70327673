package dev.hexsync.adapters.http.codec;

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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON rules of the sync line codec, one rule at a time, valid and invalid. Lines are written with single
 * quotes for readability and turned into JSON by {@link #json(String)}. Expected behaviour is the PowerSync
 * engine's ({@code crates/core/src/sync/line.rs}, {@code checksum.rs}, {@code bucket_priority.rs}).
 */
class SyncLineCodecJsonTest {
    private static final SyncLineCodec CODEC = new SyncLineCodec();

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static SyncLine decode(String singleQuoted) {
        return CODEC.decodeText(json(singleQuoted));
    }

    static void assertInvalid(String singleQuoted, String... messageParts) {
        assertThatThrownBy(() -> decode(singleQuoted))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContainingAll(messageParts);
    }

    static String checkpointWithBucket(String bucketFields) {
        return "{'checkpoint':{'last_op_id':'1','buckets':[{" + bucketFields + "}]}}";
    }

    static BucketChecksum bucket(String bucketFields) {
        SyncLine.Checkpoint checkpoint = (SyncLine.Checkpoint) decode(checkpointWithBucket(bucketFields));
        return checkpoint.buckets().get(0);
    }

    static String dataWithOp(String opFields) {
        return "{'data':{'bucket':'b','data':[{" + opFields + "}]}}";
    }

    static OplogEntry op(String opFields) {
        return ((SyncLine.Data) decode(dataWithOp(opFields))).data().get(0);
    }

    @Nested
    class TopLevel {
        @Test
        void emptyObjectHasNoKind() {
            assertInvalid("{}", "expected exactly one key", "empty object");
        }

        @Test
        void twoKeysAreRejectedNamingBoth() {
            assertInvalid("{'foo': {}, 'bar': {}}", "exactly one key", "'foo'", "'bar'");
            assertInvalid("{'checkpoint_complete': {'last_op_id': '1'}, 'token_expires_in': 5}",
                    "'checkpoint_complete'", "'token_expires_in'");
        }

        @Test
        void sameKeyTwiceIsStillTwoKeys() {
            assertInvalid("{'token_expires_in': 5, 'token_expires_in': 5}", "exactly one key");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "5", "'checkpoint'", "null", "true", "[{'token_expires_in': 5}]"})
        void topLevelMustBeAnObject(String line) {
            assertInvalid(line, "expected an object with one key naming the line kind");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n", "\t \r\n"})
        void emptyLineIsMalformed(String line) {
            assertThatThrownBy(() -> CODEC.decodeText(line))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("empty");
        }

        @Test
        void whitespaceAroundTheObjectIsFine() {
            assertThat(decode("  {'token_expires_in': 5}\n")).isEqualTo(new SyncLine.TokenExpiresIn(5));
            assertThat(decode("\r\n{ 'token_expires_in' :\t5 }\r\n")).isEqualTo(new SyncLine.TokenExpiresIn(5));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{'token_expires_in': 5} {'token_expires_in': 6}",
            "{'token_expires_in': 5} x",
            "{'token_expires_in': 5}}",
            "{'token_expires_in': 5},",
            "{'token_expires_in': 5} 7"})
        void trailingContentIsRejected(String line) {
            assertInvalid(line, "JSON sync line");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{'token_expires_in': 5",
            "{'token_expires_in' 5}",
            "{token_expires_in: 5}",
            "{'token_expires_in': 5,}",
            "{'checkpoint': {'last_op_id': '1', 'buckets': [}}",
            "{'foo': NaN}",
            "{'foo': 01}",
            "{'foo': /* comment */ 1}",
            "{'foo': 'unterminated}"})
        void malformedJsonIsAProtocolError(String line) {
            assertInvalid(line, "Malformed JSON sync line");
        }

        @Test
        void singleQuotedJsonIsNotJson() {
            assertThatThrownBy(() -> CODEC.decodeText("{'token_expires_in': 5}"))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("Malformed JSON sync line");
        }

        @Test
        void unescapedControlCharacterInStringIsRejected() {
            assertThatThrownBy(() -> CODEC.decodeText("{\"foo\": \"a\u0001b\"}"))
                    .isInstanceOf(ProtocolException.class);
        }

        @Test
        void numberOverflowingDoubleIsRejectedLikeSerdeJson() {
            assertInvalid("{'foo': 1e400}", "number out of range");
            assertInvalid("{'foo': -1e400}", "number out of range");
            assertInvalid("{'foo': 1" + "0".repeat(400) + "}", "number out of range");
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':1e400"), "number out of range");
        }

        @Test
        void absurdlyLongNumberIsRejected() {
            assertInvalid("{'foo': 1" + "0".repeat(5000) + "}", "Malformed JSON sync line");
        }
    }

    @Nested
    class UnknownLines {
        @ParameterizedTest
        @ValueSource(strings = {
            "{'foo': {}}",
            "{'foo': 123}",
            "{'foo': null}",
            "{'foo': 'bar'}",
            "{'foo': [1, {'a': [true, null, 1.5e3]}, 'x']}",
            "{'foo': {'last_op_id': 5, 'nested': {'deep': [[[]]]}}}"})
        void unknownKindIsSkipped(String line) {
            assertThat(decode(line)).isEqualTo(new SyncLine.Unknown("foo"));
        }

        @Test
        void kindNamesAreCaseSensitive() {
            assertThat(decode("{'Checkpoint': 5}")).isEqualTo(new SyncLine.Unknown("Checkpoint"));
            assertThat(decode("{'TOKEN_EXPIRES_IN': 'x'}")).isEqualTo(new SyncLine.Unknown("TOKEN_EXPIRES_IN"));
        }

        @Test
        void unknownKindStillNeedsWellFormedValue() {
            assertInvalid("{'foo': [1, 2}", "Malformed JSON");
        }

        @Test
        void unknownKindWithSecondKeyIsRejected() {
            assertInvalid("{'foo': 1, 'bar': 2}", "exactly one key");
        }

        @Test
        void escapedKindNameIsDecoded() {
            assertThat(decode("{'f\\u006fo': 1}")).isEqualTo(new SyncLine.Unknown("foo"));
            assertThat(decode("{'token\\u005fexpires_in': 7}")).isEqualTo(new SyncLine.TokenExpiresIn(7));
        }
    }

    @Nested
    class OpIds {
        @ParameterizedTest
        @MethodSource("dev.hexsync.adapters.http.codec.SyncLineCodecJsonTest#validOpIds")
        void decimalStringsInTheI64RangeAreAccepted(String text, long expected) {
            SyncLine.Checkpoint checkpoint =
                    (SyncLine.Checkpoint) decode("{'checkpoint':{'last_op_id':'" + text + "','buckets':[]}}");
            assertThat(checkpoint.lastOpId()).isEqualTo(new OpId(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-", "+", " 1", "1 ", "1.0", "1e3", "0x10", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999", "\\u0661\\u0662", "1_000", "--1", "+-1", "abc"})
        void malformedDecimalStringsAreRejected(String text) {
            assertInvalid("{'checkpoint':{'last_op_id':'" + text + "','buckets':[]}}",
                    "at checkpoint.last_op_id", "invalid op id", "decimal 64-bit integer string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"10", "10.0", "-1", "true", "null", "[]", "{}"})
        void nonStringsAreRejected(String value) {
            assertInvalid("{'checkpoint':{'last_op_id':" + value + ",'buckets':[]}}",
                    "at checkpoint.last_op_id", "expected an op id as a decimal string");
        }

        @Test
        void opIdOfAnOpIsAStringToo() {
            assertThat(op("'op_id':'42','op':'MOVE','checksum':1").opId()).isEqualTo(new OpId(42));
            assertInvalid(dataWithOp("'op_id':42,'op':'MOVE','checksum':1"),
                    "at data.data[0].op_id", "expected an op id as a decimal string, got the number 42");
        }

        @Test
        void parseOpIdMatchesRustI64FromStr() {
            assertThat(LineScalars.parseOpId("+0")).isEqualTo(new OpId(0));
            assertThat(LineScalars.parseOpId("-0")).isEqualTo(new OpId(0));
            assertThat(LineScalars.parseOpId("000123")).isEqualTo(new OpId(123));
            assertThat(LineScalars.parseOpId("9223372036854775807")).isEqualTo(OpId.MAX);
            assertThat(LineScalars.parseOpId("-9223372036854775808")).isEqualTo(new OpId(Long.MIN_VALUE));
            assertThat(LineScalars.parseOpId("92233720368547758070")).isNull();
            assertThat(LineScalars.parseOpId("\u0661")).isNull();
            assertThat(LineScalars.parseOpId("\uff11")).isNull();
        }
    }

    static Stream<Arguments> validOpIds() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("10", 10L),
                Arguments.of("+5", 5L),
                Arguments.of("-1", -1L),
                Arguments.of("007", 7L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE));
    }

    @Nested
    class WriteCheckpoints {
        @Test
        void absentNullOrString() {
            assertThat(((SyncLine.Checkpoint) decode("{'checkpoint':{'last_op_id':'1','buckets':[]}}"))
                    .writeCheckpoint()).isEmpty();
            assertThat(((SyncLine.Checkpoint) decode(
                    "{'checkpoint':{'last_op_id':'1','write_checkpoint':null,'buckets':[]}}")).writeCheckpoint())
                    .isEmpty();
            assertThat(((SyncLine.Checkpoint) decode(
                    "{'checkpoint':{'last_op_id':'1','write_checkpoint':'17','buckets':[]}}")).writeCheckpoint())
                    .contains(new OpId(17));
        }

        @ParameterizedTest
        @ValueSource(strings = {"17", "17.0", "true", "[]", "{}", "'x'", "''"})
        void anythingElseIsRejected(String value) {
            assertInvalid("{'checkpoint':{'last_op_id':'1','write_checkpoint':" + value + ",'buckets':[]}}",
                    "at checkpoint.write_checkpoint");
        }

        @Test
        void diffWriteCheckpointFollowsTheSameRules() {
            String prefix = "{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[],'removed_buckets':[]";
            assertThat(((SyncLine.CheckpointDiff) decode(prefix + "}}")).writeCheckpoint()).isEmpty();
            assertThat(((SyncLine.CheckpointDiff) decode(prefix + ",'write_checkpoint':null}}")).writeCheckpoint())
                    .isEmpty();
            assertThat(((SyncLine.CheckpointDiff) decode(prefix + ",'write_checkpoint':'3'}}")).writeCheckpoint())
                    .contains(new OpId(3));
            assertInvalid(prefix + ",'write_checkpoint':3}}", "at checkpoint_diff.write_checkpoint",
                    "expected an op id as a decimal string");
        }
    }

    @Nested
    class Checksums {
        @ParameterizedTest
        @MethodSource("dev.hexsync.adapters.http.codec.SyncLineCodecJsonTest#validChecksums")
        void acceptedForms(String number, long expectedUnsigned) {
            assertThat(bucket("'bucket':'a','checksum':" + number).checksum().unsigned()).isEqualTo(expectedUnsigned);
            assertThat(op("'op_id':'1','op':'MOVE','checksum':" + number).checksum().unsigned())
                    .isEqualTo(expectedUnsigned);
        }

        @ParameterizedTest
        @ValueSource(strings = {"4294967296", "-2147483649", "-4294967295", "9223372036854775807",
            "-9223372036854775808", "18446744073709551615", "18446744073709551616", "4294967296.0",
            "-2147483649.0", "1e20", "-1e20"})
        void outOfRangeIsRejected(String number) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':" + number),
                    "at checkpoint.buckets[0].checksum", "checksum out of range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "-0.5", "3573495687.1", "1e-3"})
        void fractionsAreRejected(String number) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':" + number),
                    "at checkpoint.buckets[0].checksum", "whole number");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'10'", "null", "true", "[]", "{}"})
        void nonNumbersAreRejected(String value) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':" + value),
                    "at checkpoint.buckets[0].checksum", "expected a checksum as a number");
        }

        @Test
        void checksumIsRequired() {
            assertInvalid(checkpointWithBucket("'bucket':'a'"), "at checkpoint.buckets[0]", "missing field 'checksum'");
            assertInvalid(dataWithOp("'op_id':'1','op':'MOVE'"), "at data.data[0]", "missing field 'checksum'");
        }

        @Test
        void errorNamesTheRightArrayIndex() {
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':[{'bucket':'a','checksum':1},"
                    + "{'bucket':'b','checksum':1.5}]}}", "at checkpoint.buckets[1].checksum");
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','removed_buckets':[],'updated_buckets':["
                    + "{'bucket':'a','checksum':1},{'bucket':'b','checksum':2},{'bucket':'c','checksum':'3'}]}}",
                    "at checkpoint_diff.updated_buckets[2].checksum");
        }
    }

    static Stream<Arguments> validChecksums() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("10", 10L),
                Arguments.of("-1", 0xFFFF_FFFFL),
                Arguments.of("4294967295", 0xFFFF_FFFFL),
                Arguments.of("2147483648", 0x8000_0000L),
                Arguments.of("-2147483648", 0x8000_0000L),
                Arguments.of("3573495687", 3573495687L),
                Arguments.of("-721471609", 3573495687L),
                Arguments.of("3573495687.0", 3573495687L),
                Arguments.of("-721471609.0", 3573495687L),
                Arguments.of("-1.0", 0xFFFF_FFFFL),
                Arguments.of("-0", 0L),
                Arguments.of("-0.0", 0L),
                Arguments.of("1e3", 1000L),
                Arguments.of("4.294967295E9", 0xFFFF_FFFFL),
                Arguments.of("-2147483648.0", 0x8000_0000L));
    }

    @Nested
    class Priorities {
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 100, 2147483646})
        void nonNegativeIntegersExceptTheSentinel(int priority) {
            assertThat(bucket("'bucket':'a','checksum':0,'priority':" + priority).priority()).isEqualTo(priority);
            assertThat(decode("{'partial_checkpoint_complete':{'last_op_id':'1','priority':" + priority + "}}"))
                    .isEqualTo(new SyncLine.PartialCheckpointComplete(new OpId(1), priority));
        }

        @Test
        void absentOrNullMeansTheDefault() {
            assertThat(bucket("'bucket':'a','checksum':0").priority()).isEqualTo(3);
            assertThat(bucket("'bucket':'a','checksum':0,'priority':null").priority()).isEqualTo(3);
        }

        @Test
        void theSentinelIsReserved() {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'priority':2147483647"),
                    "at checkpoint.buckets[0].priority", "invalid priority 2147483647", "reserved");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "-2147483648"})
        void negativeIsRejected(String priority) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'priority':" + priority),
                    "at checkpoint.buckets[0].priority", "invalid priority");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2147483648", "-2147483649", "9223372036854775807", "18446744073709551615"})
        void beyondI32IsRejected(String priority) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'priority':" + priority),
                    "at checkpoint.buckets[0].priority", "out of range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0", "0.0", "-0", "1e0", "'1'", "true", "[]", "{}"})
        void nonIntegersAreRejected(String priority) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'priority':" + priority),
                    "at checkpoint.buckets[0].priority", "expected a priority as a non-negative integer");
        }

        @Test
        void partialCompleteNeedsAPriority() {
            assertInvalid("{'partial_checkpoint_complete':{'last_op_id':'1'}}",
                    "at partial_checkpoint_complete", "missing field 'priority'");
            assertInvalid("{'partial_checkpoint_complete':{'last_op_id':'1','priority':null}}",
                    "at partial_checkpoint_complete.priority", "got null");
            assertInvalid("{'partial_checkpoint_complete':{'last_op_id':'1','priority':2147483647}}",
                    "at partial_checkpoint_complete.priority", "reserved");
            assertInvalid("{'partial_checkpoint_complete':{'last_op_id':'1','priority':-1}}",
                    "at partial_checkpoint_complete.priority", "invalid priority -1");
        }
    }

    @Nested
    class Counts {
        @Test
        void optionalInt64() {
            assertThat(bucket("'bucket':'a','checksum':0").count()).isEmpty();
            assertThat(bucket("'bucket':'a','checksum':0,'count':null").count()).isEmpty();
            assertThat(bucket("'bucket':'a','checksum':0,'count':0").count()).hasValue(0);
            assertThat(bucket("'bucket':'a','checksum':0,'count':12").count()).hasValue(12);
            assertThat(bucket("'bucket':'a','checksum':0,'count':-1").count()).hasValue(-1);
            assertThat(bucket("'bucket':'a','checksum':0,'count':9223372036854775807").count())
                    .hasValue(Long.MAX_VALUE);
        }

        @Test
        void beyondI64IsRejected() {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'count':9223372036854775808"),
                    "at checkpoint.buckets[0].count", "out of range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0", "'1'", "true", "[]"})
        void nonIntegersAreRejected(String count) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'count':" + count),
                    "at checkpoint.buckets[0].count", "expected a count as an integer");
        }
    }

    @Nested
    class BucketChecksums {
        @Test
        void allFields() {
            assertThat(bucket("'bucket':'a','checksum':10,'priority':1,'count':4,"
                    + "'subscriptions':[{'default':0},{'sub':2}],'last_op_id':'9','unknown':{'x':[1]}"))
                    .isEqualTo(new BucketChecksum("a", Checksum.of(10), 1, OptionalLong.of(4),
                            List.of(new DefaultStream(0), new ExplicitSubscription(2))));
        }

        @Test
        void minimal() {
            assertThat(bucket("'bucket':'a','checksum':10"))
                    .isEqualTo(new BucketChecksum("a", Checksum.of(10), 3, OptionalLong.empty(), List.of()));
        }

        @Test
        void bucketNameIsRequiredAndAString() {
            assertInvalid(checkpointWithBucket("'checksum':0"), "at checkpoint.buckets[0]", "missing field 'bucket'");
            assertInvalid(checkpointWithBucket("'bucket':null,'checksum':0"), "at checkpoint.buckets[0].bucket",
                    "expected a string, got null");
            assertInvalid(checkpointWithBucket("'bucket':1,'checksum':0"), "at checkpoint.buckets[0].bucket",
                    "expected a string, got the number 1");
        }

        @Test
        void escapedNamesAreDecoded() {
            assertThat(bucket("'bucket':'1#user_lists[\\'x\\']\\u00e9','checksum':0".replace("\\'", "\\\""))
                    .bucket()).isEqualTo("1#user_lists[\"x\"]\u00e9");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bucket", "checksum", "priority", "count", "subscriptions"})
        void duplicateKnownFieldsAreRejected(String field) {
            String value = switch (field) {
                case "bucket" -> "'a'";
                case "subscriptions" -> "[]";
                default -> "1";
            };
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'priority':1,'count':1,'subscriptions':[],'"
                    + field + "':" + value), "at checkpoint.buckets[0]." + field, "duplicate field");
        }

        @Test
        void duplicateUnknownFieldsAreFine() {
            assertThat(bucket("'bucket':'a','checksum':0,'x':1,'x':2").bucket()).isEqualTo("a");
        }

        @Test
        void bucketEntryMustBeAnObject() {
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':['a']}}", "at checkpoint.buckets[0]",
                    "expected an object, got the string 'a'");
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':[null]}}", "at checkpoint.buckets[0]",
                    "expected an object, got null");
        }
    }

    @Nested
    class SubscriptionReasons {
        @Test
        void absentOrEmpty() {
            assertThat(bucket("'bucket':'a','checksum':0").subscriptions()).isEmpty();
            assertThat(bucket("'bucket':'a','checksum':0,'subscriptions':[]").subscriptions()).isEmpty();
        }

        @Test
        void defaultAndSub() {
            assertThat(bucket("'bucket':'a','checksum':0,'subscriptions':[{'default':0},{'sub':0},{'default':7},"
                    + "{'sub':2147483647}]").subscriptions())
                    .containsExactly(new DefaultStream(0), new ExplicitSubscription(0), new DefaultStream(7),
                            new ExplicitSubscription(Integer.MAX_VALUE));
        }

        @Test
        void nullIsNotAnEmptyList() {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':null"),
                    "at checkpoint.buckets[0].subscriptions", "expected an array, got null");
        }

        @Test
        void unknownReasonIsRejected() {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':[{'other':1}]"),
                    "at checkpoint.buckets[0].subscriptions[0]", "unknown subscription reason 'other'");
        }

        @Test
        void reasonHasExactlyOneKey() {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':[{}]"),
                    "at checkpoint.buckets[0].subscriptions[0]", "empty object");
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':[{'default':0,'sub':1}]"),
                    "at checkpoint.buckets[0].subscriptions[0]", "exactly one key", "'default'", "'sub'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'default'", "0", "null", "[0]"})
        void reasonMustBeAnObject(String reason) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':[" + reason + "]"),
                    "at checkpoint.buckets[0].subscriptions[0]", "expected an object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.0", "'0'", "null", "true"})
        void indexMustBeANonNegativeInteger(String index) {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':[{'sub':" + index + "}]"),
                    "at checkpoint.buckets[0].subscriptions[0].sub", "expected an index as a non-negative integer");
        }

        @Test
        void indexBeyondIntIsRejected() {
            assertInvalid(checkpointWithBucket("'bucket':'a','checksum':0,'subscriptions':[{'default':2147483648}]"),
                    "at checkpoint.buckets[0].subscriptions[0].default", "index out of range");
        }
    }

    @Nested
    class Streams {
        static final String PREFIX = "{'checkpoint':{'last_op_id':'1','buckets':[],'streams':[";

        static SyncLine.Checkpoint withStreams(String streams) {
            return (SyncLine.Checkpoint) decode(PREFIX + streams + "]}}");
        }

        @Test
        void absentStreamsAreEmpty() {
            assertThat(((SyncLine.Checkpoint) decode("{'checkpoint':{'last_op_id':'1','buckets':[]}}")).streams())
                    .isEmpty();
        }

        @Test
        void nullStreamsAreRejected() {
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':[],'streams':null}}", "at checkpoint.streams",
                    "expected an array, got null");
        }

        @Test
        void fullStream() {
            assertThat(withStreams("{'name':'s','is_default':true,'errors':[{'subscription':'default','message':'m'},"
                    + "{'subscription':3,'message':'n','extra':1}],'extra':{}}").streams())
                    .containsExactly(new StreamDescription("s", true, List.of(
                            new StreamSubscriptionError(null, "m"), new StreamSubscriptionError(3, "n"))));
        }

        @Test
        void anyStringMeansTheDefaultSubscription() {
            StreamSubscriptionError error = withStreams(
                    "{'name':'s','is_default':false,'errors':[{'subscription':'whatever','message':'m'}]}")
                    .streams().get(0).errors().get(0);
            assertThat(error.isDefault()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "is_default", "errors"})
        void everyStreamFieldIsRequired(String missing) {
            String stream = Stream.of("'name':'s'", "'is_default':true", "'errors':[]")
                    .filter(f -> !f.startsWith("'" + missing + "'"))
                    .reduce((a, b) -> a + "," + b).orElseThrow();
            assertInvalid(PREFIX + "{" + stream + "}]}}", "at checkpoint.streams[0]", "missing field '" + missing + "'");
        }

        @Test
        void fieldTypes() {
            assertInvalid(PREFIX + "{'name':1,'is_default':true,'errors':[]}]}}", "at checkpoint.streams[0].name",
                    "expected a string");
            assertInvalid(PREFIX + "{'name':'s','is_default':'true','errors':[]}]}}",
                    "at checkpoint.streams[0].is_default", "expected a boolean");
            assertInvalid(PREFIX + "{'name':'s','is_default':null,'errors':[]}]}}",
                    "at checkpoint.streams[0].is_default", "expected a boolean, got null");
            assertInvalid(PREFIX + "{'name':'s','is_default':true,'errors':null}]}}",
                    "at checkpoint.streams[0].errors", "expected an array");
        }

        @Test
        void errorFieldsAreRequired() {
            assertInvalid(PREFIX + "{'name':'s','is_default':true,'errors':[{'message':'m'}]}]}}",
                    "at checkpoint.streams[0].errors[0]", "missing field 'subscription'");
            assertInvalid(PREFIX + "{'name':'s','is_default':true,'errors':[{'subscription':0}]}]}}",
                    "at checkpoint.streams[0].errors[0]", "missing field 'message'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.0", "null", "true", "[]", "{}"})
        void errorSubscriptionIsDefaultOrIndex(String subscription) {
            assertInvalid(PREFIX + "{'name':'s','is_default':true,'errors':[{'subscription':" + subscription
                    + ",'message':'m'}]}]}}", "at checkpoint.streams[0].errors[0].subscription",
                    "expected \"default\" or a subscription index");
        }

        @Test
        void errorSubscriptionBeyondIntIsRejected() {
            assertInvalid(PREFIX + "{'name':'s','is_default':true,'errors':[{'subscription':2147483648,"
                    + "'message':'m'}]}]}}", "at checkpoint.streams[0].errors[0].subscription", "out of range");
        }
    }

    @Nested
    class Checkpoints {
        @Test
        void engineTestLines() {
            assertThat(decode("{'checkpoint': {'last_op_id': '10', 'buckets': []}}"))
                    .isEqualTo(new SyncLine.Checkpoint(new OpId(10), Optional.empty(), List.of(), List.of()));
            assertThat(decode("{'checkpoint':{'write_checkpoint':null,'last_op_id':'1','buckets':[{'bucket':'a',"
                    + "'checksum':0,'priority':3,'count':1}]}}"))
                    .isEqualTo(new SyncLine.Checkpoint(new OpId(1), Optional.empty(), List.of(
                            new BucketChecksum("a", Checksum.ZERO, 3, OptionalLong.of(1), List.of())), List.of()));
        }

        @Test
        void requiredFields() {
            assertInvalid("{'checkpoint':{'buckets':[]}}", "at checkpoint", "missing field 'last_op_id'");
            assertInvalid("{'checkpoint':{'last_op_id':'1'}}", "at checkpoint", "missing field 'buckets'");
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':null}}", "at checkpoint.buckets",
                    "expected an array, got null");
        }

        @Test
        void duplicateFieldsAreRejected() {
            assertInvalid("{'checkpoint':{'last_op_id':'1','last_op_id':'2','buckets':[]}}",
                    "at checkpoint.last_op_id", "duplicate field");
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':[],'buckets':[]}}", "at checkpoint.buckets",
                    "duplicate field");
            assertInvalid("{'checkpoint':{'last_op_id':'1','buckets':[],'write_checkpoint':null,"
                    + "'write_checkpoint':null}}", "at checkpoint.write_checkpoint", "duplicate field");
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "5", "'x'", "[]", "['1', null, []]"})
        void valueMustBeAnObject(String value) {
            assertInvalid("{'checkpoint':" + value + "}", "at checkpoint", "expected an object");
        }

        @Test
        void unknownFieldsAnywhereAreIgnored() {
            assertThat(decode("{'checkpoint':{'x':{'y':[1,2,{'z':null}]},'last_op_id':'5','buckets':[],'streams':[],"
                    + "'new_field':'v'}}"))
                    .isEqualTo(new SyncLine.Checkpoint(new OpId(5), Optional.empty(), List.of(), List.of()));
        }
    }

    @Nested
    class CheckpointDiffs {
        @Test
        void engineTestLines() {
            assertThat(decode("{'checkpoint_diff': {'last_op_id': '10', 'buckets': [], 'updated_buckets': [], "
                    + "'removed_buckets': [], 'write_checkpoint': null}}"))
                    .isEqualTo(new SyncLine.CheckpointDiff(new OpId(10), List.of(), List.of(), Optional.empty()));
            assertThat(decode("{'checkpoint_diff': {'last_op_id': '10', 'buckets': [], 'updated_buckets': [], "
                    + "'removed_buckets': ['foo\\\"'], 'write_checkpoint': null}}"))
                    .isEqualTo(new SyncLine.CheckpointDiff(new OpId(10), List.of(), List.of("foo\""), Optional.empty()));
            assertThat(decode("{'checkpoint_diff':{'last_op_id':'12','updated_buckets':[{'bucket':'a','count':12,"
                    + "'checksum':0,'priority':3}],'removed_buckets':[]}}"))
                    .isEqualTo(new SyncLine.CheckpointDiff(new OpId(12), List.of(new BucketChecksum("a", Checksum.ZERO,
                            3, OptionalLong.of(12), List.of())), List.of(), Optional.empty()));
        }

        @Test
        void requiredFields() {
            assertInvalid("{'checkpoint_diff':{'updated_buckets':[],'removed_buckets':[]}}", "at checkpoint_diff",
                    "missing field 'last_op_id'");
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','removed_buckets':[]}}", "at checkpoint_diff",
                    "missing field 'updated_buckets'");
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[]}}", "at checkpoint_diff",
                    "missing field 'removed_buckets'");
        }

        @Test
        void removedBucketsAreStrings() {
            assertThat(((SyncLine.CheckpointDiff) decode("{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[],"
                    + "'removed_buckets':['a','b']}}")).removedBuckets()).containsExactly("a", "b");
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[],'removed_buckets':['a',1]}}",
                    "at checkpoint_diff.removed_buckets[1]", "expected a string, got the number 1");
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[],'removed_buckets':[null]}}",
                    "at checkpoint_diff.removed_buckets[0]", "expected a string, got null");
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[],'removed_buckets':null}}",
                    "at checkpoint_diff.removed_buckets", "expected an array");
        }

        @Test
        void duplicateFieldsAreRejected() {
            assertInvalid("{'checkpoint_diff':{'last_op_id':'1','updated_buckets':[],'removed_buckets':[],"
                    + "'removed_buckets':[]}}", "at checkpoint_diff.removed_buckets", "duplicate field");
        }
    }

    @Nested
    class DataLines {
        @Test
        void engineTestLine() {
            SyncLine line = decode("{'data': {'bucket': 'bkt', 'data': [{'checksum':10,'op_id':'1','object_id':'test',"
                    + "'object_type':'users','op':'PUT','subkey':null,"
                    + "'data':'{\\'name\\':\\'user 0\\',\\'email\\':\\'0@example.org\\'}'}],"
                    + "'after': null, 'next_after': null}}");
            assertThat(line).isEqualTo(new SyncLine.Data("bkt", List.of(new OplogEntry(new OpId(1), OpType.PUT,
                    "users", "test", null, "{\"name\":\"user 0\",\"email\":\"0@example.org\"}", Checksum.of(10)))));
        }

        @Test
        void paginationFieldsAreIgnored() {
            assertThat(decode("{'data':{'bucket':'b','has_more':true,'after':'1','next_after':'2','data':[]}}"))
                    .isEqualTo(new SyncLine.Data("b", List.of()));
        }

        @Test
        void requiredFields() {
            assertInvalid("{'data':{'data':[]}}", "at data", "missing field 'bucket'");
            assertInvalid("{'data':{'bucket':'b'}}", "at data", "missing field 'data'");
            assertInvalid("{'data':{'bucket':'b','data':null}}", "at data.data", "expected an array, got null");
            assertInvalid("{'data':{'bucket':null,'data':[]}}", "at data.bucket", "expected a string");
        }

        @Test
        void manyOpsKeepTheirOrder() {
            StringBuilder line = new StringBuilder("{\"data\":{\"bucket\":\"b\",\"data\":[");
            for (int i = 0; i < 5000; i++) {
                line.append(i == 0 ? "" : ",").append("{\"op_id\":\"").append(i + 1)
                        .append("\",\"op\":\"PUT\",\"object_type\":\"t\",\"object_id\":\"").append(i)
                        .append("\",\"checksum\":").append(i).append(",\"data\":\"{\\\"v\\\":").append(i).append("}\"}");
            }
            line.append("]}}");
            SyncLine.Data data = (SyncLine.Data) CODEC.decodeText(line.toString());
            assertThat(data.data()).hasSize(5000);
            assertThat(data.data().get(4999)).isEqualTo(new OplogEntry(new OpId(5000), OpType.PUT, "t", "4999", null,
                    "{\"v\":4999}", Checksum.of(4999)));
        }
    }

    @Nested
    class OplogEntries {
        @Test
        void opTypes() {
            assertThat(op("'op_id':'1','op':'PUT','checksum':1,'object_type':'t','object_id':'i','data':'{}'").op())
                    .isEqualTo(OpType.PUT);
            assertThat(op("'op_id':'1','op':'REMOVE','checksum':1,'object_type':'t','object_id':'i'").op())
                    .isEqualTo(OpType.REMOVE);
            assertThat(op("'op_id':'1','op':'MOVE','checksum':1").op()).isEqualTo(OpType.MOVE);
            assertThat(op("'op_id':'1','op':'CLEAR','checksum':1").op()).isEqualTo(OpType.CLEAR);
        }

        @ParameterizedTest
        @ValueSource(strings = {"put", "Put", "DELETE", "", " PUT"})
        void unknownOpTypesAreRejected(String op) {
            assertInvalid(dataWithOp("'op_id':'1','op':'" + op + "','checksum':1"), "at data.data[0].op",
                    "unknown op type '" + op + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "null", "{'PUT':null}", "['PUT']", "true"})
        void opTypeMustBeAString(String op) {
            assertInvalid(dataWithOp("'op_id':'1','op':" + op + ",'checksum':1"), "at data.data[0].op",
                    "expected an op type as a string");
        }

        @Test
        void requiredFields() {
            assertInvalid(dataWithOp("'op':'MOVE','checksum':1"), "at data.data[0]", "missing field 'op_id'");
            assertInvalid(dataWithOp("'op_id':'1','checksum':1"), "at data.data[0]", "missing field 'op'");
        }

        @Test
        void optionalStringsAcceptNullOrAbsence() {
            OplogEntry absent = op("'op_id':'1','op':'MOVE','checksum':1");
            OplogEntry nulls = op("'op_id':'1','op':'MOVE','checksum':1,'object_type':null,'object_id':null,"
                    + "'subkey':null,'data':null");
            assertThat(absent).isEqualTo(nulls);
            assertThat(absent.objectType()).isNull();
            assertThat(absent.objectId()).isNull();
            assertThat(absent.subkey()).isNull();
            assertThat(absent.data()).isNull();
            assertThat(absent.key()).isNull();
        }

        @Test
        void subkeyIsAString() {
            OplogEntry entry = op("'op_id':'1','op':'PUT','checksum':1,'object_type':'t','object_id':'i',"
                    + "'subkey':'s/1','data':'{}'");
            assertThat(entry.subkey()).isEqualTo("s/1");
            assertThat(entry.key()).isEqualTo("t/i/s/1");
            assertInvalid(dataWithOp("'op_id':'1','op':'PUT','checksum':1,'subkey':5"), "at data.data[0].subkey",
                    "expected a string, got the number 5");
            assertInvalid(dataWithOp("'op_id':'1','op':'PUT','checksum':1,'subkey':{}"), "at data.data[0].subkey",
                    "expected a string, got an object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"object_type", "object_id"})
        void objectTypeAndIdAreStrings(String field) {
            assertInvalid(dataWithOp("'op_id':'1','op':'PUT','checksum':1,'" + field + "':1"),
                    "at data.data[0]." + field, "expected a string");
        }

        @Test
        void dataIsAJsonStringKeptVerbatim() {
            String text = "{\"a\":1,\"b\":\"x\\\"y\",\"c\":null,  \"d\":[1, 2.50]}";
            String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
            OplogEntry entry = ((SyncLine.Data) CODEC.decodeText("{\"data\":{\"bucket\":\"b\",\"data\":[{\"op_id\":\"1\","
                    + "\"op\":\"PUT\",\"checksum\":1,\"data\":\"" + escaped + "\"}]}}")).data().get(0);
            assertThat(entry.data()).isEqualTo(text);
        }

        @Test
        void dataStringIsNotParsed() {
            // The engine keeps the string as it is; what it holds is the storage layer's business.
            assertThat(op("'op_id':'1','op':'PUT','checksum':1,'data':'not json'").data()).isEqualTo("not json");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{'a':1}", "[1]", "1", "true"})
        void dataAsAnythingButAStringIsRejected(String data) {
            assertInvalid(dataWithOp("'op_id':'1','op':'PUT','checksum':1,'data':" + data), "at data.data[0].data",
                    "expected a string");
        }

        @Test
        void duplicateOpFieldsAreRejected() {
            assertInvalid(dataWithOp("'op_id':'1','op':'PUT','checksum':1,'data':null,'data':'{}'"),
                    "at data.data[0].data", "duplicate field");
            assertInvalid(dataWithOp("'op_id':'1','op_id':'1','op':'PUT','checksum':1"), "at data.data[0].op_id",
                    "duplicate field");
        }

        @Test
        void errorIndexPointsAtTheBadOp() {
            assertInvalid("{'data':{'bucket':'b','data':[{'op_id':'1','op':'MOVE','checksum':1},"
                    + "{'op_id':'2','op':'MOVE','checksum':1},{'op_id':'x','op':'MOVE','checksum':1}]}}",
                    "Invalid JSON sync line at data.data[2].op_id: invalid op id 'x'");
        }
    }

    @Nested
    class CheckpointCompletes {
        @Test
        void lastOpIdIsReported() {
            assertThat(decode("{'checkpoint_complete': {'last_op_id': '10'}}"))
                    .isEqualTo(new SyncLine.CheckpointComplete(new OpId(10)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{'last_op_id': 10}", "{'last_op_id': null}", "{'last_op_id': 'x'}",
            "{'last_op_id': {'a': [1]}}", "{'other': 1}"})
        void lastOpIdIsNotCheckedLikeTheEngine(String value) {
            assertThat(decode("{'checkpoint_complete':" + value + "}")).isEqualTo(new SyncLine.CheckpointComplete(null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "5", "'10'"})
        void valueMustBeAnObject(String value) {
            assertInvalid("{'checkpoint_complete':" + value + "}", "at checkpoint_complete", "expected an object");
        }

        @Test
        void partialComplete() {
            assertThat(decode("{'partial_checkpoint_complete': {'last_op_id': '10', 'priority': 1}}"))
                    .isEqualTo(new SyncLine.PartialCheckpointComplete(new OpId(10), 1));
            assertThat(decode("{'partial_checkpoint_complete': {'priority': 0, 'last_op_id': 10}}"))
                    .isEqualTo(new SyncLine.PartialCheckpointComplete(null, 0));
            assertInvalid("{'partial_checkpoint_complete': {'priority': 0, 'priority': 1}}",
                    "at partial_checkpoint_complete.priority", "duplicate field");
            assertInvalid("{'partial_checkpoint_complete': []}", "at partial_checkpoint_complete", "expected an object");
        }
    }

    @Nested
    class TokenExpiry {
        @ParameterizedTest
        @ValueSource(longs = {0, 1, 60, 123, 3580, -5, 2147483647, -2147483648})
        void i32Seconds(long seconds) {
            assertThat(decode("{'token_expires_in': " + seconds + "}")).isEqualTo(new SyncLine.TokenExpiresIn(seconds));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2147483648", "-2147483649", "18446744073709551615", "1.0", "-0", "60.5", "'60'",
            "null", "{}", "[60]", "true"})
        void anythingElseIsRejected(String value) {
            assertInvalid("{'token_expires_in': " + value + "}", "at token_expires_in",
                    "expected the seconds until the token expires as a 32-bit integer");
        }
    }
}
