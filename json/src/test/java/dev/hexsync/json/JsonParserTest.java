package dev.hexsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

    @Test
    void literals() {
        assertThat(Json.parse("true")).isEqualTo(Boolean.TRUE);
        assertThat(Json.parse("false")).isEqualTo(Boolean.FALSE);
        assertThat(Json.parse("null")).isNull();
        assertThat(Json.parse("\"text\"")).isEqualTo("text");
    }

    @Test
    void objectsAreLinkedHashMapsInInputOrder() {
        Object value = Json.parse("{\"z\":1,\"a\":2,\"m\":{\"y\":[],\"b\":{}}}");
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("z", "a", "m");
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) map.get("m");
        assertThat(nested).isInstanceOf(LinkedHashMap.class);
        assertThat(nested.keySet()).containsExactly("y", "b");
        assertThat(nested.get("y")).isInstanceOf(ArrayList.class);
        assertThat((Map<?, ?>) nested.get("b")).isEmpty();
    }

    @Test
    void arraysAreArrayLists() {
        Object value = Json.parse("[1,\"two\",3.0,true,null,[],{}]");
        assertThat(value).isInstanceOf(ArrayList.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        assertThat(list).containsExactly(1L, "two", 3.0, true, null, List.of(), Map.of());
    }

    @Test
    void duplicateKeysLastOneWins() {
        Map<String, Object> map = Json.parseObject("{\"a\":1,\"b\":2,\"a\":3}");
        assertThat(map).containsEntry("a", 3L).containsEntry("b", 2L).hasSize(2);
    }

    @Test
    void whitespaceAroundEveryToken() {
        Object value = Json.parse(" \t\r\n{ \"a\" :\n[ 1 , 2 ]\t, \"b\" : { } } \n");
        assertThat(value).isEqualTo(Map.of("a", List.of(1L, 2L), "b", Map.of()));
        assertThat(Json.parse("  7  ")).isEqualTo(7L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0, 0",
        "-0, 0",
        "7, 7",
        "-7, -7",
        "123456789012345678, 123456789012345678",
        "-123456789012345678, -123456789012345678",
        "1234567890123456789, 1234567890123456789",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
    })
    void integersAreLongs(String literal, long expected) {
        assertThat(Json.parse(literal)).isInstanceOf(Long.class).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "123456789012345678901234567890", "-123456789012345678901234567890"})
    void largerIntegersAreBigIntegers(String literal) {
        assertThat(Json.parse(literal)).isInstanceOf(BigInteger.class).isEqualTo(new BigInteger(literal));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1.0, 1.0",
        "1.5, 1.5",
        "-0.0, -0.0",
        "0.1, 0.1",
        "1E2, 100.0",
        "1e2, 100.0",
        "1e+2, 100.0",
        "1.0e-2, 0.01",
        "-2.5E-3, -0.0025",
        "0e0, 0.0",
        "1e-400, 0.0",
        "1.7976931348623157e308, 1.7976931348623157e308",
        "5e-324, 4.9e-324",
        "9007199254740993.0, 9007199254740992.0",
        "0.30000000000000004, 0.30000000000000004",
    })
    void fractionsAndExponentsAreCorrectlyRoundedDoubles(String literal, double expected) {
        Object value = Json.parse(literal);
        assertThat(value).isInstanceOf(Double.class);
        assertThat(Double.doubleToRawLongBits((Double) value)).isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void strings() {
        assertThat(Json.parse("\"\"")).isEqualTo("");
        assertThat(Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo("\" \\ / \b \f \n \r \t");
        assertThat(Json.parse("\"\\u0041\\u00e9\\u00E9\\u20ac\"")).isEqualTo("Aéé€");
        assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("😀");
        assertThat(Json.parse("\"é😀中\u007f\u2028/\"")).isEqualTo("é😀中\u007f\u2028/");
        assertThat(Json.parse("\"a\\u0000b\"")).isEqualTo("a\u0000b");
        assertThat(Json.parse("\"prefix \\n suffix\"")).isEqualTo("prefix \n suffix");
    }

    @Test
    void loneSurrogateEscapesAreAccepted() {
        assertThat(Json.parse("\"\\ud800\"")).isEqualTo("\ud800");
        assertThat(Json.parse("\"\\udc00x\"")).isEqualTo("\udc00x");
        assertThat(Json.parse("\"\\ud800\\u0041\"")).isEqualTo("\ud800A");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``| Invalid JSON at offset 0: unexpected end of input, expected a value",
        "`   `| Invalid JSON at offset 3: unexpected end of input, expected a value",
        "{\"key\":\"val\" x}| Invalid JSON at offset 13: expected ',' or '}'",
        "{\"a\":1 \"b\":2}| Invalid JSON at offset 7: expected ',' or '}'",
        "{\"a\":1,}| Invalid JSON at offset 7: expected a string key but found '}'",
        "{\"a\" 1}| Invalid JSON at offset 5: expected ':'",
        "{a:1}| Invalid JSON at offset 1: expected a string key but found 'a'",
        "{\"a\":1| Invalid JSON at offset 6: unexpected end of input, expected ',' or '}'",
        "{\"a\":| Invalid JSON at offset 5: unexpected end of input, expected a value",
        "{| Invalid JSON at offset 1: unexpected end of input, expected a string key",
        "[1,]| Invalid JSON at offset 3: expected a value but found ']'",
        "[1 2]| Invalid JSON at offset 3: expected ',' or ']'",
        "[1,2| Invalid JSON at offset 4: unexpected end of input, expected ',' or ']'",
        "[,1]| Invalid JSON at offset 1: expected a value but found ','",
        "{} x| Invalid JSON at offset 3: unexpected 'x' after the JSON value",
        "1 2| Invalid JSON at offset 2: unexpected '2' after the JSON value",
        "01| Invalid JSON at offset 1: invalid number: leading zeros are not allowed",
        "-01| Invalid JSON at offset 2: invalid number: leading zeros are not allowed",
        "-| Invalid JSON at offset 1: unexpected end of input in number",
        "-a| Invalid JSON at offset 1: invalid number: expected a digit but found 'a'",
        "1.| Invalid JSON at offset 2: unexpected end of input, expected a digit after the decimal point",
        "1.e5| Invalid JSON at offset 2: invalid number: expected a digit after the decimal point but found 'e'",
        "1e| Invalid JSON at offset 2: unexpected end of input, expected a digit in the exponent",
        "1e+| Invalid JSON at offset 3: unexpected end of input, expected a digit in the exponent",
        "1ex| Invalid JSON at offset 2: invalid number: expected a digit in the exponent but found 'x'",
        ".5| Invalid JSON at offset 0: expected a value but found '.'",
        "+1| Invalid JSON at offset 0: expected a value but found '+'",
        "NaN| Invalid JSON at offset 0: expected a value but found 'N'",
        "Infinity| Invalid JSON at offset 0: expected a value but found 'I'",
        "-Infinity| Invalid JSON at offset 1: invalid number: expected a digit but found 'I'",
        "0x10| Invalid JSON at offset 1: unexpected 'x' after the JSON value",
        "1e400| Invalid JSON at offset 0: number out of range",
        "[-1e400]| Invalid JSON at offset 1: number out of range",
        "tru| Invalid JSON at offset 3: unexpected end of input, expected 'true'",
        "trux| Invalid JSON at offset 3: invalid literal, expected 'true'",
        "nul| Invalid JSON at offset 3: unexpected end of input, expected 'null'",
        "True| Invalid JSON at offset 0: expected a value but found 'T'",
        "\"abc| Invalid JSON at offset 0: unterminated string",
        "[\"a\\\"| Invalid JSON at offset 1: unterminated string",
        "\"\\x\"| Invalid JSON at offset 1: invalid escape sequence '\\x'",
        "\"\\u12\"| Invalid JSON at offset 1: invalid \\u escape: expected four hex digits",
        "\"\\u12g4\"| Invalid JSON at offset 1: invalid \\u escape: expected four hex digits",
        "'a'| Invalid JSON at offset 0: expected a value but found '''",
        "`// comment\n1`| Invalid JSON at offset 0: expected a value but found '/'",
    })
    void errorsNameTheProblemAndOffset(String input, String message) {
        assertThatThrownBy(() -> Json.parse(input)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void controlCharactersMustBeEscaped() {
        assertThatThrownBy(() -> Json.parse("\"a\tb\""))
                .isInstanceOf(JsonException.class)
                .hasMessage("Invalid JSON at offset 2: unescaped control character U+0009 in string");
        assertThatThrownBy(() -> Json.parse("\"a\\n\u0001\""))
                .hasMessage("Invalid JSON at offset 4: unescaped control character U+0001 in string");
        assertThatThrownBy(() -> Json.parse("[\"\u001f\"]"))
                .hasMessage("Invalid JSON at offset 2: unescaped control character U+001F in string");
    }

    @Test
    void onlyJsonWhitespaceIsSkipped() {
        assertThatThrownBy(() -> Json.parse("\u00a01")).hasMessage("Invalid JSON at offset 0: expected a value but found '\u00a0'");
        assertThatThrownBy(() -> Json.parse("\f1")).hasMessage("Invalid JSON at offset 0: expected a value but found U+000C");
        assertThatThrownBy(() -> Json.parse("\ufeff{}")).isInstanceOf(JsonException.class);
    }

    @Test
    void exceptionCarriesTheOffset() {
        JsonException e = catchJson("[1, 2, x]");
        assertThat(e.offset()).isEqualTo(7);
        assertThat(new JsonException("plain").offset()).isEqualTo(-1);
        assertThat(e).isInstanceOf(RuntimeException.class);
    }

    @Test
    void nestingUpTo512LevelsIsAccepted() {
        Object value = Json.parse("[".repeat(512) + "]".repeat(512));
        int depth = 0;
        while (value instanceof List && !((List<?>) value).isEmpty()) {
            value = ((List<?>) value).get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(511);
        assertThat(Json.parse("{\"a\":".repeat(512) + "1" + "}".repeat(512))).isInstanceOf(Map.class);
    }

    @Test
    void nestingBeyond512LevelsIsRejected() {
        assertThatThrownBy(() -> Json.parse("[".repeat(513) + "]".repeat(513)))
                .isInstanceOf(JsonException.class)
                .hasMessage("Invalid JSON at offset 512: nesting deeper than 512 levels");
        assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(513) + "1" + "}".repeat(513)))
                .hasMessage("Invalid JSON at offset 2560: nesting deeper than 512 levels");
    }

    @Test
    void hostileDepthDoesNotOverflowTheStack() {
        char[] deep = new char[1_000_000];
        Arrays.fill(deep, '[');
        assertThatThrownBy(() -> Json.parse(new String(deep))).isInstanceOf(JsonException.class)
                .hasMessageContaining("nesting deeper than 512 levels");
    }

    @Test
    void parseObjectRequiresAnObject() {
        assertThat(Json.parseObject(" {\"a\":[1]} ")).containsEntry("a", List.of(1L));
        assertThatThrownBy(() -> Json.parseObject("[]")).isInstanceOf(JsonException.class)
                .hasMessage("expected a JSON object");
        assertThatThrownBy(() -> Json.parseObject("null")).hasMessage("expected a JSON object");
        assertThatThrownBy(() -> Json.parseObject("\"{}\"")).hasMessage("expected a JSON object");
        assertThatThrownBy(() -> Json.parseObject("{")).hasMessageStartingWith("Invalid JSON at offset 1:");
    }

    @Test
    void nullTextIsAProgrammingError() {
        assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(NullPointerException.class);
    }

    private static JsonException catchJson(String input) {
        try {
            Json.parse(input);
        } catch (JsonException e) {
            return e;
        }
        throw new AssertionError("no exception for " + input);
    }
}
