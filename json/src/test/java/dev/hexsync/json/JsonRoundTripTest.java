package dev.hexsync.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "[]",
        "null",
        "\"\"",
        "{\"z\":1,\"a\":[true,false,null],\"m\":{\"n\":-0.5}}",
        "[1,-1,0,9223372036854775807,-9223372036854775808,18446744073709551616]",
        "[1.0,-0.0,0.1,1e+20,1.5e-7,0.00001,1e-6,1000000000000000.0,5e-324,1.7976931348623157e+308]",
        "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f/\u007f\u00e9\ud83d\ude00\"",
        "{\"\":{\"\":[[],{}]}}",
    })
    void canonicalTextSurvivesParseAndWrite(String json) {
        assertThat(Json.write(Json.parse(json))).isEqualTo(json);
    }

    @Test
    void randomValuesSurviveWriteAndParse() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Object value = randomValue(random, 0);
            String json = Json.write(value);
            assertThat(Json.parse(json)).as(json).isEqualTo(value);
            assertThat(Json.write(Json.parse(json))).isEqualTo(json);
        }
    }

    @Test
    void everyDoubleSurvivesWriteAndParse() {
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            Object parsed = Json.parse(Json.write(value));
            assertThat(Double.doubleToRawLongBits((Double) parsed)).isEqualTo(Double.doubleToRawLongBits(value));
        }
    }

    @Test
    void diffAgainstAnEmptyObjectIsTheObjectSortedWithoutNulls() {
        Random random = new Random(13);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> object = engineSafeObject(random, 0);
            String json = Json.write(object);
            Map<String, Object> expected = new TreeMap<>(JsonWriter.CODE_POINT_ORDER);
            object.forEach((k, v) -> {
                if (v != null) {
                    expected.put(k, v);
                }
            });

            Map<String, Object> added = Json.parseObject(Json.diff("{}", json));
            assertThat(added).isEqualTo(expected);
            assertThat(new ArrayList<>(added.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));

            Map<String, Object> removed = Json.parseObject(Json.diff(json, "{}"));
            assertThat(new ArrayList<>(removed.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            assertThat(removed.values()).allMatch(java.util.Objects::isNull);

            assertThat(Json.diff(json, json)).isEqualTo("{}");
        }
    }

    /** Values the engine keeps as they are: no floats (re-spelled), no lone surrogates (refused). */
    private static Map<String, Object> engineSafeObject(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            Object value;
            switch (random.nextInt(depth > 2 ? 4 : 6)) {
                case 0:
                    value = null;
                    break;
                case 1:
                    value = random.nextBoolean();
                    break;
                case 2:
                    value = random.nextLong() >> random.nextInt(64);
                    break;
                case 3:
                    value = randomString(random).replaceAll("[\\ud800-\\udfff]", "?");
                    break;
                case 4:
                    value = engineSafeObject(random, depth + 1);
                    break;
                default:
                    value = new ArrayList<>(engineSafeObject(random, depth + 1).values());
            }
            map.put(randomString(random).replaceAll("[\\ud800-\\udfff]", "?"), value);
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextLong() >> random.nextInt(64);
            case 3:
                return BigInteger.valueOf(random.nextLong()).abs().add(BigInteger.ONE).shiftLeft(63 + random.nextInt(10));
            case 4:
                double d = Double.longBitsToDouble(random.nextLong());
                return Double.isFinite(d) ? d : 0.5;
            case 5:
            case 6:
                return randomString(random);
            case 7:
                return randomObject(random, depth + 1);
            default:
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
        }
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            map.put(randomString(random), randomValue(random, depth));
        }
        return map;
    }

    private static final String ALPHABET = "ab Z/\\\"\u0000\u0001\u001f\u007f\u0080é\u2028\ue000\uff01\n\t\r\b\f\u000b中😀\ud800\udfff";

    private static String randomString(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
