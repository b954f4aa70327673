package dev.hexsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Json.diff against the PowerSync engine. Every expected string below is what the engine
 * (powersync-sqlite-core 0.5.3, via the oracle) returned for {@code SELECT powersync_diff(old, new)}
 * with exactly these arguments; {@code assertRejected} marks inputs the engine refused (its message is in
 * the comment). Our messages differ in wording but every rejection is a JsonException.
 */
class JsonDiffTest {

    private static void assertDiff(String oldJson, String newJson, String expected) {
        assertThat(Json.diff(oldJson, newJson)).as("diff(%s, %s)", oldJson, newJson).isEqualTo(expected);
    }

    private static void assertRejected(String oldJson, String newJson) {
        assertThatThrownBy(() -> Json.diff(oldJson, newJson)).as("diff(%s, %s)", oldJson, newJson)
                .isInstanceOf(JsonException.class);
    }

    @Test
    void theEnginesOwnUnitTests() {
        // crates/core/src/diff.rs, basic_diff_test
        assertDiff("{}", "{}", "{}");
        assertDiff("{\"a\": null}", "{}", "{}");
        assertDiff("{}", "{\"a\": null}", "{}");
        assertDiff("{\"b\": 1}", "{\"a\": null, \"b\": 1}", "{}");
        assertDiff("{\"b\": 1}", "{\"a\": null, \"b\": 2}", "{\"b\":2}");
        assertDiff("{\"a\": 0, \"b\": 1}", "{\"a\": null, \"b\": 2}", "{\"a\":null,\"b\":2}");
        assertDiff("{\"a\": 1}", "{\"a\": null}", "{\"a\":null}");
        assertDiff("{\"a\": 1}", "{}", "{\"a\":null}");
        assertDiff("{\"a\": 1}", "{\"a\": 2}", "{\"a\":2}");
        assertDiff("{\"a\": 1}", "{\"a\": \"1\"}", "{\"a\":\"1\"}");
        assertDiff("{\"a\": 1}", "{\"a\": 1.0}", "{\"a\":1.0}");
        assertDiff("{\"a\": 1.00}", "{\"a\": 1.0}", "{}");
        assertDiff("{}", "{\"a\": 1.0}", "{\"a\":1.0}");
        assertDiff("{}", "{\"a\": [1,2,3]}", "{\"a\":[1,2,3]}");
        assertDiff("{\"a\": 1}", "{\"a\": [1,2,3]}", "{\"a\":[1,2,3]}");
    }

    @Test
    void probedVectors() {
        assertDiff("{}", "{\"a\":1e20}", "{\"a\":1e+20}");
        assertDiff("{\"a\":1}", "{\"a\":1.0}", "{\"a\":1.0}");
        assertDiff("{\"a\":1.0}", "{\"a\":1.00}", "{}");
        assertDiff("{\"a\":\"1\"}", "{\"a\":1}", "{\"a\":1}");
        assertDiff("{\"a\":{\"x\":1,\"y\":2}}", "{\"a\":{\"y\":2,\"x\":1}}", "{}");
        assertDiff("{\"a\":[1,2]}", "{\"a\":[2,1]}", "{\"a\":[2,1]}");
        assertDiff("{\"a\":null,\"b\":1}", "{\"a\":null}", "{\"b\":null}");
        assertDiff("{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":2}");
        assertDiff("{\"a\":1,\"a\":2}", "{\"a\":2}", "{}");
        assertDiff("{\"b\":1,\"a\":2}", "{\"c\":3,\"b\":1,\"a\":5}", "{\"a\":5,\"c\":3}");
        assertDiff("{}", "{}", "{}");
        assertRejected("[]", "{}"); // engine: expected two JSON objects. cause: unknown
        assertRejected("{}", "[]"); // engine: expected two JSON objects. cause: unknown
        assertRejected("", "{}"); // engine: . cause: EOF while parsing a value at line 1 column 0
        assertRejected("{}", ""); // engine: . cause: EOF while parsing a value at line 1 column 0
        assertRejected("{} x", "{}"); // engine: . cause: trailing characters at line 1 column 4
        assertRejected("{\"a\":01}", "{}"); // engine: . cause: invalid number at line 1 column 7
        assertRejected("{\"a\":NaN}", "{}"); // engine: . cause: expected value at line 1 column 6
        assertDiff("{}", "{\"a\":\"\\u0001\\u001f\\u007f\\t\\n\\r\\b\\f/\\\\\\\"é😀\"}", "{\"a\":\"\\u0001\\u001f\177\\t\\n\\r\\b\\f/\\\\\\\"é😀\"}");
        assertRejected("{}", "{\"a\":\"\\ud800\"}"); // engine: . cause: unexpected end of hex escape at line 1 column 13
        assertDiff("{}", "{\"a\":\"\\/\"}", "{\"a\":\"/\"}");
        assertRejected("{}", "{\"a\":1.7976931348623157e308,\"b\":5e-324,\"c\":2.2250738585072014e-308,\"d\":1e400}"); // engine: . cause: number out of range at line 1 column 76
        assertDiff("{}", "{\"a\":-1e-7,\"b\":-123.456,\"c\":-1e21,\"d\":-0.5}", "{\"a\":-1e-7,\"b\":-123.456,\"c\":-1e+21,\"d\":-0.5}");
        assertDiff("{}", "{\"a\":0.30000000000000004,\"b\":0.6666666666666666,\"c\":33333333333333333333.0,\"d\":123456789012345680000.0}", "{\"a\":0.30000000000000004,\"b\":0.6666666666666666,\"c\":3.3333333333333336e+19,\"d\":1.2345678901234567e+20}");
        assertDiff(" {\"a\" : 1 } ", "\t{\"a\":1}\n", "{}");
        assertDiff("{\"a\":-0}", "{\"a\":0}", "{\"a\":0}");
        assertDiff("{\"a\":-0.0}", "{\"a\":0.0}", "{}");
        assertDiff("{\"a\":true}", "{\"a\":1}", "{\"a\":1}");
        assertDiff("{\"a\":1e2}", "{\"a\":100}", "{\"a\":100}");
        assertDiff("{\"a\":1e2}", "{\"a\":100.0}", "{}");
        assertDiff("{\"a\":18446744073709551616}", "{\"a\":18446744073709551617}", "{}");
        assertDiff("{\"a\":9223372036854775807}", "{\"a\":9223372036854775808}", "{\"a\":9223372036854775808}");
        assertDiff("{\"a\":-9223372036854775808}", "{\"a\":-9223372036854775809}", "{\"a\":-9.223372036854776e+18}");
        assertDiff("{}", "{\"a\":-9223372036854775808, \"b\":-1, \"c\":1E+2, \"d\":1e-0, \"e\":0e0, \"f\":-0e5}", "{\"a\":-9223372036854775808,\"b\":-1,\"c\":100.0,\"d\":1.0,\"e\":0.0,\"f\":-0.0}");
        assertDiff("{}", "{\"a\":[1,null,{\"b\":null}],\"z\":{}}", "{\"a\":[1,null,{\"b\":null}],\"z\":{}}");
        assertDiff("{\"a\":[]}", "{\"a\":[]}", "{}");
        assertDiff("{\"a\":{}}", "{\"a\":{}}", "{}");
        assertDiff("{\"a\":{}}", "{\"a\":null}", "{\"a\":null}");
        assertDiff("{\"b\":{}}", "{}", "{\"b\":null}");
        assertDiff("{}", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}");
        assertRejected("{}", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"); // engine: . cause: recursion limit exceeded at line 1 column 132
        assertRejected("{}", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"); // engine: . cause: recursion limit exceeded at line 1 column 132
        assertDiff("{}", "{\"！\":1,\"😀\":2,\"\":3,\"z\":4,\"A\":5,\"é\":6}", "{\"A\":5,\"z\":4,\"é\":6,\"\":3,\"！\":1,\"😀\":2}");
        assertDiff("{}", "{\"a\":1.7976931348623157e308,\"b\":5e-324,\"c\":2.2250738585072014e-308,\"d\":4.9e-324,\"e\":2.4e-324,\"f\":2.5e-324, \"g\":1e-400, \"h\":0e999999999999, \"i\":1e-999999999999}", "{\"a\":1.7976931348623157e+308,\"b\":5e-324,\"c\":2.2250738585072014e-308,\"d\":5e-324,\"e\":0.0,\"f\":5e-324,\"g\":0.0,\"h\":0.0,\"i\":0.0}");
        assertDiff("{}", "{\"a\":18446744073709551616.3, \"b\":184467440737095516100.5, \"c\":1.00000000000000000000000000001, \"d\":123456789012345678901234567890e-10}", "{\"a\":1.8446744073709552e+19,\"b\":1.844674407370955e+20,\"c\":1.0,\"d\":1.2345678901234567e+19}");
        assertDiff("{}", "{\"a\":1.23456789012345678e-300, \"b\":9007199254740993, \"c\":9007199254740993.0, \"d\":0.1e1, \"e\":100e-2}", "{\"a\":1.234567890123457e-300,\"b\":9007199254740993,\"c\":9007199254740994.0,\"d\":1.0,\"e\":1.0}");
        assertDiff("{\"a\":9007199254740993.0}", "{\"a\":9007199254740992.0}", "{\"a\":9007199254740992.0}");
        assertDiff("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}", "{}");
        assertDiff("{\"a\":[1,{\"x\":null}]}", "{\"a\":[1,{}]}", "{\"a\":[1,{}]}");
        assertDiff("{\"a\":{\"x\":null}}", "{\"a\":{}}", "{\"a\":{}}");
        assertDiff("{\"a\":\"x\"}", "{\"a\":\"x\",\"b\":null,\"c\":false}", "{\"c\":false}");
        assertDiff("{\"a\":false}", "{\"a\":null}", "{\"a\":null}");
        assertRejected("{}", "{\"a\":1}x"); // engine: . cause: trailing characters at line 1 column 8
        assertRejected("{}", "{\"a\" 1}"); // engine: . cause: expected `:` at line 1 column 6
        assertRejected("{}", "{\"a\":1,}"); // engine: . cause: trailing comma at line 1 column 8
        assertRejected("{}", "{\"a\":[1,]}"); // engine: . cause: trailing comma at line 1 column 9
        assertRejected("{}", "{\"a\":\"\t\"}"); // engine: . cause: control character (\u0000-\u001F) found while parsing a string at line 1 column 7
        assertRejected("{}", "{\"a\":tru}"); // engine: . cause: expected ident at line 1 column 9
        assertRejected("{}", "{\"a\":-}"); // engine: . cause: invalid number at line 1 column 7
        assertRejected("{}", "{\"a\":1.}"); // engine: . cause: invalid number at line 1 column 8
        assertRejected("{}", "{\"a\":1e}"); // engine: . cause: invalid number at line 1 column 8
        assertRejected("{}", "{\"a\":.5}"); // engine: . cause: expected value at line 1 column 6
        assertRejected("{}", "{\"a\":+1}"); // engine: . cause: expected value at line 1 column 6
        assertRejected("{}", "{\"a\":\"\\x\"}"); // engine: . cause: invalid escape at line 1 column 8
        assertRejected("{}", "{\"a\":\"\\udc00\"}"); // engine: . cause: lone leading surrogate in hex escape at line 1 column 12
        assertDiff("{}", "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"😀\"}");
        assertDiff("{\"a\":1}", "{\"a\":-0.0}", "{\"a\":-0.0}");
        assertDiff("{}", "{\"a\":-0.0}", "{\"a\":-0.0}");
        assertDiff("{}", "{\"a\":{\"y\":1,\"x\":{\"d\":[{\"b\":1,\"a\":2}],\"c\":null}}}", "{\"a\":{\"x\":{\"c\":null,\"d\":[{\"a\":2,\"b\":1}]},\"y\":1}}");
        assertRejected("null", "{}"); // engine: expected two JSON objects. cause: unknown
        assertRejected("{}", "null"); // engine: expected two JSON objects. cause: unknown
        assertRejected("{}", "1"); // engine: expected two JSON objects. cause: unknown
        assertRejected("{}", "\"{}\""); // engine: expected two JSON objects. cause: unknown
        assertDiff("{\"a\":1,\"a\":null}", "{}", "{}");
        assertDiff("{\"a\":1}", "{\"a\":null,\"a\":1}", "{}");
        assertDiff("{\"a\":[1.0,2]}", "{\"a\":[1.00,2]}", "{}");
        assertDiff("{\"a\":[1,2]}", "{\"a\":[1.0,2]}", "{\"a\":[1.0,2]}");
        assertDiff("{\"a\":{\"x\":1e2}}", "{\"a\":{\"x\":100.0}}", "{}");
        assertDiff("{\"a\":{\"x\":1}}", "{\"a\":{\"x\":1,\"y\":null}}", "{\"a\":{\"x\":1,\"y\":null}}");
        assertDiff("{\"a\":\"\\u00e9\"}", "{\"a\":\"é\"}", "{}");
        assertDiff("{\"a\":1, \"b\":\"x\", \"c\":[1], \"d\":{\"e\":1}}", "{}", "{\"a\":null,\"b\":null,\"c\":null,\"d\":null}");
        assertDiff("{\"id\":\"1\",\"name\":\"x\",\"qty\":2,\"price\":1.5}", "{\"id\":\"1\",\"name\":\"y\",\"qty\":2,\"price\":1.50}", "{\"name\":\"y\"}");
        assertDiff("{\"\":1}", "{\"\":2}", "{\"\":2}");
        assertRejected("[1", "{\"a\":"); // engine: . cause: EOF while parsing a value at line 1 column 5
        assertRejected("{\"a\":1e400}", "{\"a\":1}"); // engine: . cause: number out of range at line 1 column 10
        assertRejected("{}", "{\"a\":1E400}"); // engine: . cause: number out of range at line 1 column 10
        assertRejected("{}", "{\"a\":-1e999999999999}"); // engine: . cause: number out of range at line 1 column 18
        assertDiff("{}", "{\"a\":0.0e99999999999}", "{\"a\":0.0}");
    }

    @Test
    void integerAndFloatAreNeverEqualButFloatSpellingsAre() {
        assertDiff("{\"a\":1}", "{\"a\":1.0}", "{\"a\":1.0}");
        assertDiff("{\"a\":1.0}", "{\"a\":1}", "{\"a\":1}");
        assertDiff("{\"a\":1.0}", "{\"a\":1.00}", "{}");
        assertDiff("{\"a\":1e2}", "{\"a\":100.0}", "{}");
        assertDiff("{\"a\":1e2}", "{\"a\":100}", "{\"a\":100}");
        assertDiff("{\"a\":-0.0}", "{\"a\":0.0}", "{}");
        assertDiff("{\"a\":-0}", "{\"a\":0}", "{\"a\":0}");
        assertDiff("{\"a\":[1,2]}", "{\"a\":[1.0,2]}", "{\"a\":[1.0,2]}");
        // Beyond u64 both sides are the same float.
        assertDiff("{\"a\":18446744073709551616}", "{\"a\":18446744073709551617}", "{}");
    }

    @Test
    void outputKeysAreInCodePointOrderNotUtf16Order() {
        // String.compareTo would put the emoji (a surrogate pair, 0xD83D...) before U+E000 and U+FF01.
        assertDiff("{}", "{\"！\":1,\"😀\":2,\"\ue000\":3,\"z\":4,\"A\":5,\"é\":6}",
                "{\"A\":5,\"z\":4,\"é\":6,\"\ue000\":3,\"！\":1,\"😀\":2}");
        assertThat(JsonWriter.compareCodePoints("\uffff", "😀")).isNegative();
        assertThat(JsonWriter.compareCodePoints("\ud7ff", "😀")).isNegative();
        assertThat(JsonWriter.compareCodePoints("a", "ab")).isNegative();
        assertThat(JsonWriter.compareCodePoints("b", "ab")).isPositive();
        assertThat(JsonWriter.compareCodePoints("x", "x")).isZero();
    }

    @Test
    void engineNestingLimitIs127() {
        // The engine's serde_json refuses the 128th nested container.
        String ok = "{\"a\":" + "[".repeat(126) + "]".repeat(126) + "}";
        assertDiff("{}", ok, ok);
        String tooDeep = "{\"a\":" + "[".repeat(127) + "]".repeat(127) + "}";
        assertThatThrownBy(() -> Json.diff("{}", tooDeep)).isInstanceOf(JsonException.class)
                .hasMessage("Invalid JSON at offset 131: nesting deeper than 127 levels");
        assertThatThrownBy(() -> Json.diff("{}", "[".repeat(100_000))).isInstanceOf(JsonException.class);
    }

    @Test
    void errorsSayWhatWasWrong() {
        assertThatThrownBy(() -> Json.diff("{}", "[]")).isInstanceOf(JsonException.class)
                .hasMessage("powersync_diff needs two JSON objects, got an array");
        assertThatThrownBy(() -> Json.diff("null", "{}")).hasMessage("powersync_diff needs two JSON objects, got null");
        assertThatThrownBy(() -> Json.diff("{}", "\"{}\"")).hasMessage("powersync_diff needs two JSON objects, got a string");
        assertThatThrownBy(() -> Json.diff("{}", "1")).hasMessage("powersync_diff needs two JSON objects, got a number");
        assertThatThrownBy(() -> Json.diff("{}", "true")).hasMessage("powersync_diff needs two JSON objects, got a boolean");
        assertThatThrownBy(() -> Json.diff(null, "{}")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.diff("{}", "{\"a\":1e400}"))
                .hasMessage("Invalid JSON at offset 5: number out of range");
        assertThatThrownBy(() -> Json.diff("{}", "{\"a\":\"\\ud800\"}"))
                .hasMessage("Invalid JSON at offset 6: lone surrogate in \\u escape");
        assertThatThrownBy(() -> Json.diff("{}", "{\"a\":\"\\udc00\"}"))
                .hasMessage("Invalid JSON at offset 6: lone surrogate in \\u escape");
        assertThatThrownBy(() -> Json.diff("{}", "{\"a\":\"\\ud800\\u0041\"}"))
                .hasMessage("Invalid JSON at offset 6: lone surrogate in \\u escape");
        // Like the engine, the new object is read first: its error wins.
        assertThatThrownBy(() -> Json.diff("[1", "{\"a\":")).hasMessage("Invalid JSON at offset 5: unexpected end of input, expected a value");
    }

    /**
     * Each literal L was sent as {@code powersync_diff('{}', '{"a":L}')}; the right column is the engine's
     * spelling of the value (ERROR: the engine refused the number). The left column includes inputs that the
     * engine's inexact parser (serde_json without float_roundtrip) reads one ulp away from the correctly
     * rounded double, e.g. 1e-30 and 9007199254740993.0.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1e-30, 9.999999999999999e-31",
        "1e-29, 1.0000000000000001e-29",
        "1e-28, 1.0000000000000001e-28",
        "1e-27, 1e-27",
        "1e-26, 9.999999999999999e-27",
        "1e-25, 9.999999999999999e-26",
        "1e-24, 1.0000000000000001e-24",
        "1e-23, 1.0000000000000001e-23",
        "1e-22, 1e-22",
        "1e-21, 1e-21",
        "1e-20, 1e-20",
        "1e-19, 1e-19",
        "1e-18, 1e-18",
        "1e-17, 1e-17",
        "1e-16, 1e-16",
        "1e-15, 1e-15",
        "1e-14, 1e-14",
        "1e-13, 1e-13",
        "1e-12, 1e-12",
        "1e-11, 1e-11",
        "1e-10, 1e-10",
        "1e-9, 1e-9",
        "1e-8, 1e-8",
        "1e-7, 1e-7",
        "1e-6, 1e-6",
        "1e-5, 0.00001",
        "1e-4, 0.0001",
        "1e-3, 0.001",
        "1e-2, 0.01",
        "1e-1, 0.1",
        "1e0, 1.0",
        "1e1, 10.0",
        "1e2, 100.0",
        "1e3, 1000.0",
        "1e4, 10000.0",
        "1e5, 100000.0",
        "1e6, 1000000.0",
        "1e7, 10000000.0",
        "1e8, 100000000.0",
        "1e9, 1000000000.0",
        "1e10, 10000000000.0",
        "1e11, 100000000000.0",
        "1e12, 1000000000000.0",
        "1e13, 10000000000000.0",
        "1e14, 100000000000000.0",
        "1e15, 1000000000000000.0",
        "1e16, 1e+16",
        "1e17, 1e+17",
        "1e18, 1e+18",
        "1e19, 1e+19",
        "1e20, 1e+20",
        "1e21, 1e+21",
        "1e22, 1e+22",
        "1e23, 1e+23",
        "1e24, 1e+24",
        "1e25, 1e+25",
        "1e26, 1e+26",
        "1e27, 1e+27",
        "1e28, 1e+28",
        "1e29, 1e+29",
        "1e30, 1e+30",
        "1.2345e-5, 0.000012345",
        "0.0001, 0.0001",
        "0.00001, 0.00001",
        "0.000001, 1e-6",
        "123456789012345680000.0, 1.2345678901234567e+20",
        "5e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "-1.5, -1.5",
        "-0.0, -0.0",
        "-0, -0.0",
        "0, 0",
        "0.0, 0.0",
        "0e0, 0.0",
        "-1e-7, -1e-7",
        "-123.456, -123.456",
        "0.30000000000000004, 0.30000000000000004",
        "0.6666666666666666, 0.6666666666666666",
        "3.3333333333333333e19, 3.333333333333333e+19",
        "0.1, 0.1",
        "0.2, 0.2",
        "0.7, 0.7",
        "1.1, 1.1",
        "2.5, 2.5",
        "100, 100",
        "100.0, 100.0",
        "1E2, 100.0",
        "1e+2, 100.0",
        "1.0e2, 100.0",
        "123456789.125, 123456789.125",
        "1e15, 1000000000000000.0",
        "999999999999999.9, 1000000000000000.0",
        "9999999999999998.0, 9999999999999998.0",
        "1e16, 1e+16",
        "1.5e300, 1.5e+300",
        "-2.0E-5, -0.00002",
        "18446744073709551615, 18446744073709551615",
        "18446744073709551616, 1.8446744073709552e+19",
        "-9223372036854775808, -9223372036854775808",
        "-9223372036854775809, -9.223372036854776e+18",
        "9223372036854775807, 9223372036854775807",
        "9223372036854775808, 9223372036854775808",
        "100000000000000000, 100000000000000000",
        "9007199254740993, 9007199254740993",
        "9007199254740993.0, 9007199254740994.0",
        "1.23456789012345678e-300, 1.234567890123457e-300",
        "0.000123456789, 0.000123456789",
        "12345678901234567890, 12345678901234567890",
        "1e400, ERROR",
        "1e-400, 0.0",
        "-1e400, ERROR",
        "0e400, 0.0",
        "4.9e-324, 5e-324",
        "2.4e-324, 0.0",
        "2.5e-324, 5e-324",
        "1e23, 1e+23",
        "8.41e21, 8.41e+21",
        "5e-7, 5e-7",
        "4.35, 4.35",
        "0.1e1, 1.0",
        "100e-2, 1.0",
        "1.00000000000000000000000000001, 1.0",
        "184467440737095516100.5, 1.844674407370955e+20",
        "18446744073709551616.3, 1.8446744073709552e+19",
        "123456789012345678901234567890e-10, 1.2345678901234567e+19",
        "1e-5, 0.00001",
        "-1e-5, -0.00001",
        "1.5e-5, 0.000015",
        "1.5e-6, 1.5e-6",
        "9.999999999999999e-6, 0.00001",
        "1234567890123456.7, 1234567890123456.8",
        "123456789012345.67, 123456789012345.69",
        "0.000009, 9e-6",
        "0.0000099, 9.9e-6",
        "3.14159, 3.14159",
        "2.718281828459045, 2.718281828459045",
        "1e308, 1e+308",
        "1e-308, 1e-308",
        "1e-320, 1e-320",
        "6.02214076e23, 6.02214076e+23",
        "1.602176634e-19, 1.6021766340000001e-19",
    })
    void numberLiteralsComeBackInTheEngineSpelling(String literal, String expected) {
        String newJson = "{\"a\":" + literal + "}";
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> Json.diff("{}", newJson)).isInstanceOf(JsonException.class)
                    .hasMessageContaining("number out of range");
        } else {
            assertThat(Json.diff("{}", newJson)).isEqualTo("{\"a\":" + expected + "}");
        }
    }

    @Test
    void aTypicalUpdate() {
        assertDiff("{\"id\":\"1\",\"name\":\"x\",\"qty\":2,\"price\":1.5,\"note\":\"keep\"}",
                "{\"id\":\"1\",\"name\":\"y\",\"qty\":2,\"price\":1.50,\"note\":null}",
                "{\"name\":\"y\",\"note\":null}");
    }

    @Test
    void identicalObjectsGiveAnEmptyDiff() {
        String json = "{\"s\":\"x\",\"i\":-1,\"f\":2.5e-8,\"b\":true,\"n\":null,\"a\":[{\"k\":[]}],\"o\":{\"z\":{},\"y\":null}}";
        assertDiff(json, json, "{}");
        assertDiff("{\"o\":{\"y\":null,\"z\":{}},\"a\":[{\"k\":[]}]}", "{\"a\":[{\"k\":[]}],\"o\":{\"z\":{},\"y\":null}}", "{}");
    }

    @Test
    void largeObjectsAreFast() {
        StringBuilder oldJson = new StringBuilder("{");
        StringBuilder newJson = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            String sep = i == 0 ? "" : ",";
            oldJson.append(sep).append("\"col").append(i).append("\":").append(i * 1.25);
            newJson.append(sep).append("\"col").append(i).append("\":").append(i % 50 == 0 ? i * 2.5 : i * 1.25);
        }
        String before = oldJson.append('}').toString();
        String after = newJson.append('}').toString();
        String expected = "{\"col100\":250.0,\"col150\":375.0,\"col50\":125.0}";
        for (int i = 0; i < 2_000; i++) {
            assertThat(Json.diff(before, after)).isEqualTo(expected);
        }
    }
}
