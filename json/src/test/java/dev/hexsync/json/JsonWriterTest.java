package dev.hexsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void scalars() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(false)).isEqualTo("false");
        assertThat(Json.write("")).isEqualTo("\"\"");
        assertThat(Json.write("abc")).isEqualTo("\"abc\"");
    }

    @Test
    void integers() {
        assertThat(Json.write(0L)).isEqualTo("0");
        assertThat(Json.write(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(Json.write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(Json.write(42)).isEqualTo("42");
        assertThat(Json.write(Integer.MIN_VALUE)).isEqualTo("-2147483648");
        assertThat(Json.write((short) -7)).isEqualTo("-7");
        assertThat(Json.write((byte) 127)).isEqualTo("127");
        assertThat(Json.write(new BigInteger("18446744073709551616"))).isEqualTo("18446744073709551616");
        assertThat(Json.write(new BigInteger("-123456789012345678901234567890"))).isEqualTo("-123456789012345678901234567890");
    }

    @Test
    void doublesInTheEngineSpelling() {
        assertThat(Json.write(1.0)).isEqualTo("1.0");
        assertThat(Json.write(-0.0)).isEqualTo("-0.0");
        assertThat(Json.write(100.0)).isEqualTo("100.0");
        assertThat(Json.write(1e15)).isEqualTo("1000000000000000.0");
        assertThat(Json.write(1e16)).isEqualTo("1e+16");
        assertThat(Json.write(1e20)).isEqualTo("1e+20");
        assertThat(Json.write(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(Json.write(0.00001)).isEqualTo("0.00001");
        assertThat(Json.write(0.000001)).isEqualTo("1e-6");
        assertThat(Json.write(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Json.write(2.0 / 3)).isEqualTo("0.6666666666666666");
        assertThat(Json.write(1.0 / 3 * 1e20)).isEqualTo("3.333333333333333e+19");
        assertThat(Json.write(123456789.125)).isEqualTo("123456789.125");
        assertThat(Json.write(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(Json.write(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(Json.write(-1e21)).isEqualTo("-1e+21");
    }

    @Test
    void nonFiniteDoublesAreRejected() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.write(List.of(Double.POSITIVE_INFINITY))).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.write(Map.of("a", Float.NEGATIVE_INFINITY))).isInstanceOf(JsonException.class);
    }

    @Test
    void bigDecimalsArePlainWhenReasonable() {
        assertThat(Json.write(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(Json.write(new BigDecimal("-0.000001"))).isEqualTo("-0.000001");
        assertThat(Json.write(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Json.write(new BigDecimal("12345678901234567890.123456789"))).isEqualTo("12345678901234567890.123456789");
        assertThat(Json.write(new BigDecimal("1E+100"))).isEqualTo("1E+100");
        assertThat(Json.write(new BigDecimal("1E-100"))).isEqualTo("1E-100");
        assertThat(Json.write(BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    void stringEscapingMatchesSerdeJson() {
        assertThat(Json.write("\"")).isEqualTo("\"\\\"\"");
        assertThat(Json.write("\\")).isEqualTo("\"\\\\\"");
        assertThat(Json.write("/")).isEqualTo("\"/\"");
        assertThat(Json.write("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(Json.write("\u007f")).isEqualTo("\"\u007f\"");
        assertThat(Json.write("é中\u2028\u2029\ufeff😀")).isEqualTo("\"é中\u2028\u2029\ufeff😀\"");
        assertThat(Json.write("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void everyControlCharacterHasItsEscape() {
        for (char c = 0; c < 0x20; c++) {
            String expected;
            switch (c) {
                case '\b':
                    expected = "\\b";
                    break;
                case '\f':
                    expected = "\\f";
                    break;
                case '\n':
                    expected = "\\n";
                    break;
                case '\r':
                    expected = "\\r";
                    break;
                case '\t':
                    expected = "\\t";
                    break;
                default:
                    expected = String.format("\\u%04x", (int) c);
            }
            assertThat(Json.write("x" + c + "y")).as("U+%04X", (int) c).isEqualTo("\"x" + expected + "y\"");
        }
        assertThat(Json.write("\u000b\u001b\u001f")).isEqualTo("\"\\u000b\\u001b\\u001f\"");
    }

    @Test
    void engineObservedEscapes() {
        // ps_crud.data of a row with s = 'x\u0001\u007f/"é' and s = '\u001f\t', as the engine recorded it.
        assertThat(Json.write("x\u0001\u007f/\"é")).isEqualTo("\"x\\u0001\u007f/\\\"é\"");
        assertThat(Json.write("\u001f\t")).isEqualTo("\"\\u001f\\t\"");
    }

    @Test
    void loneSurrogatesAreEscapedSoTheTextSurvivesUtf8() {
        assertThat(Json.write("\ud800")).isEqualTo("\"\\ud800\"");
        assertThat(Json.write("a\udc00b")).isEqualTo("\"a\\udc00b\"");
        assertThat(Json.write("\ude00\ud83d")).isEqualTo("\"\\ude00\\ud83d\"");
        assertThat(Json.write("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
    }

    @Test
    void mapsKeepIterationOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", List.of());
        map.put("m", new LinkedHashMap<>());
        map.put("n", null);
        assertThat(Json.write(map)).isEqualTo("{\"z\":1,\"a\":[],\"m\":{},\"n\":null}");
        assertThat(Json.write(new TreeMap<>(Map.of("b", 1, "a", 2)))).isEqualTo("{\"a\":2,\"b\":1}");
        assertThat(Json.write(Map.of("k\"ey", "v"))).isEqualTo("{\"k\\\"ey\":\"v\"}");
    }

    @Test
    void collectionsAreArrays() {
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.write(Arrays.asList(1, "a", null, true, 2.5))).isEqualTo("[1,\"a\",null,true,2.5]");
        assertThat(Json.write(new LinkedHashSet<>(List.of(3L, 1L, 2L)))).isEqualTo("[3,1,2]");
        assertThat(Json.write(List.of(List.of(List.of())))).isEqualTo("[[[]]]");
    }

    @Test
    void rawFragmentsAreEmbeddedVerbatim() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("data", new Json.Raw("{\"b\": 1.50 ,\"a\":[1]}"));
        map.put("n", new Json.Raw("1E2"));
        assertThat(Json.write(map)).isEqualTo("{\"data\":{\"b\": 1.50 ,\"a\":[1]},\"n\":1E2}");
        assertThat(Json.write(new Json.Raw("null"))).isEqualTo("null");
        assertThatThrownBy(() -> new Json.Raw(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keysMustBeStrings() {
        Map<Object, Object> map = new HashMap<>();
        map.put(1, "a");
        assertThatThrownBy(() -> Json.write(map)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "a");
        assertThatThrownBy(() -> Json.write(nullKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void unsupportedTypesAreNamed() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> Json.write('c')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Character");
        assertThatThrownBy(() -> Json.write(new AtomicLong(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.concurrent.atomic.AtomicLong");
        assertThatThrownBy(() -> Json.write(new Object[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[Ljava.lang.Object;");
        assertThatThrownBy(() -> Json.write(List.of(Optional.empty()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.Optional");
    }

    @Test
    void cyclesFailInsteadOfOverflowingTheStack() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> Json.write(cycle)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than 512");
    }

    @Test
    void nestingOf512LevelsIsWritten() {
        Object value = List.of();
        for (int i = 1; i < 512; i++) {
            value = List.of(value);
        }
        assertThat(Json.write(value)).isEqualTo("[".repeat(512) + "]".repeat(512));
    }
}
