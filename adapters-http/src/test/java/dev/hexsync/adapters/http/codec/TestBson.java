package dev.hexsync.adapters.http.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A tiny BSON writer for tests, independent of the reader under test: documents are {@link Map}s (in
 * insertion order), arrays {@link List}s; Integer is int32, Long int64, Double double, byte[] binary, plus the
 * markers below for the rarer element types. Also converts JSON text to the same model, so that a captured
 * NDJSON line can be replayed as BSON.
 */
final class TestBson {
    /** BSON undefined (0x06). */
    static final Object UNDEFINED = new Object();

    /** BSON object id (0x07). */
    record ObjectId(byte[] bytes) {
    }

    /** BSON UTC datetime (0x09). */
    record Datetime(long millis) {
    }

    /** BSON timestamp (0x11). */
    record Timestamp(long value) {
    }

    /** How integers outside int32 are written when converting JSON. */
    enum WideIntegers {
        INT64,
        /** As the JavaScript service's BSON serializer does: a number that does not fit int32 becomes a double. */
        DOUBLE
    }

    private TestBson() {
    }

    /** A document of alternating keys and values. */
    static Map<String, Object> doc(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<Object> array(Object... values) {
        List<Object> list = new ArrayList<>();
        for (Object value : values) {
            list.add(value);
        }
        return list;
    }

    static byte[] encode(Map<String, Object> document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeDocument(out, document.entrySet().stream().map(e -> Map.entry(e.getKey(), nullable(e.getValue()))).toList());
        return out.toByteArray();
    }

    private static final Object NULL = new Object();

    private static Object nullable(Object value) {
        return value == null ? NULL : value;
    }

    private static void writeDocument(ByteArrayOutputStream out, List<Map.Entry<String, Object>> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> entry : entries) {
            writeElement(body, entry.getKey(), entry.getValue());
        }
        body.write(0);
        writeInt(out, body.size() + 4);
        out.writeBytes(body.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static void writeElement(ByteArrayOutputStream out, String key, Object value) {
        if (value == NULL || value == null) {
            header(out, 0x0A, key);
        } else if (value == UNDEFINED) {
            header(out, 0x06, key);
        } else if (value instanceof Double d) {
            header(out, 0x01, key);
            writeLong(out, Double.doubleToRawLongBits(d));
        } else if (value instanceof String s) {
            header(out, 0x02, key);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeInt(out, utf8.length + 1);
            out.writeBytes(utf8);
            out.write(0);
        } else if (value instanceof Map<?, ?> map) {
            header(out, 0x03, key);
            writeDocument(out, ((Map<String, Object>) map).entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), nullable(e.getValue()))).toList());
        } else if (value instanceof List<?> list) {
            header(out, 0x04, key);
            List<Map.Entry<String, Object>> entries = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                entries.add(Map.entry(Integer.toString(i), nullable(list.get(i))));
            }
            writeDocument(out, entries);
        } else if (value instanceof byte[] bytes) {
            header(out, 0x05, key);
            writeInt(out, bytes.length);
            out.write(0);
            out.writeBytes(bytes);
        } else if (value instanceof ObjectId id) {
            header(out, 0x07, key);
            out.writeBytes(id.bytes());
        } else if (value instanceof Boolean b) {
            header(out, 0x08, key);
            out.write(b ? 1 : 0);
        } else if (value instanceof Datetime d) {
            header(out, 0x09, key);
            writeLong(out, d.millis());
        } else if (value instanceof Integer i) {
            header(out, 0x10, key);
            writeInt(out, i);
        } else if (value instanceof Timestamp t) {
            header(out, 0x11, key);
            writeLong(out, t.value());
        } else if (value instanceof Long l) {
            header(out, 0x12, key);
            writeLong(out, l);
        } else {
            throw new IllegalArgumentException("no BSON form for " + value.getClass());
        }
    }

    private static void header(ByteArrayOutputStream out, int type, String key) {
        out.write(type);
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        writeInt(out, (int) value);
        writeInt(out, (int) (value >>> 32));
    }

    /** Reads a JSON object into the document model (a test helper, so it trusts its input). */
    static Map<String, Object> fromJson(String json, WideIntegers wide) {
        try (JsonParser parser = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), json)) {
            parser.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) readValue(parser, wide);
            return result;
        }
    }

    private static Object readValue(JsonParser parser, WideIntegers wide) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, readValue(parser, wide));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser, wide));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT: {
                long value = parser.getLongValue();
                if (value == (int) value) {
                    return (int) value;
                }
                return wide == WideIntegers.INT64 ? (Object) value : (Object) (double) value;
            }
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected " + token);
        }
    }
}
