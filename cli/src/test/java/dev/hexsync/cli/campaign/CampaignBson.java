package dev.hexsync.cli.campaign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small BSON writer for fuzzed sync lines: documents, arrays, strings, int32, int64, doubles, booleans and
 * null, the types the service sends. {@link #encodeRawString} writes a string element from raw bytes, so a
 * test can put invalid UTF-8 where the reader expects text.
 */
final class CampaignBson {
    private CampaignBson() {
    }

    static byte[] encode(Map<String, ?> document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeDocument(out, entries(document));
        return out.toByteArray();
    }

    private static List<Map.Entry<String, Object>> entries(Map<?, ?> document) {
        List<Map.Entry<String, Object>> entries = new java.util.ArrayList<>();
        document.forEach((name, value) -> entries.add(Map.entry(String.valueOf(name), value == null ? NULL : value)));
        return entries;
    }

    private static void writeDocument(ByteArrayOutputStream out, List<Map.Entry<String, Object>> elements) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> element : elements) {
            writeElement(body, element.getKey(), element.getValue());
        }
        int32(out, 4 + body.size() + 1);
        out.writeBytes(body.toByteArray());
        out.write(0);
    }

    private static void writeElement(ByteArrayOutputStream out, String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            header(out, 0x03, name);
            writeDocument(out, entries(map));
        } else if (value instanceof List<?> list) {
            header(out, 0x04, name);
            List<Map.Entry<String, Object>> items = new java.util.ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                items.add(Map.entry(Integer.toString(i), list.get(i) == null ? NULL : list.get(i)));
            }
            writeDocument(out, items);
        } else if (value instanceof String text) {
            encodeRawString(out, name, text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] raw) {
            encodeRawString(out, name, raw);
        } else if (value instanceof Integer number) {
            header(out, 0x10, name);
            int32(out, number);
        } else if (value instanceof Long number) {
            header(out, 0x12, name);
            int64(out, number);
        } else if (value instanceof Number number) {
            header(out, 0x01, name);
            int64(out, Double.doubleToLongBits(number.doubleValue()));
        } else if (value instanceof Boolean flag) {
            header(out, 0x08, name);
            out.write(flag ? 1 : 0);
        } else if (value == null || value == NULL) {
            header(out, 0x0A, name);
        } else {
            throw new IllegalArgumentException("no BSON type for " + value.getClass());
        }
    }

    /** Marks a null inside a list, whose entries {@code Map.entry} cannot hold as null. */
    private static final Object NULL = new Object();

    /** A string element whose bytes are given as they are, valid UTF-8 or not. */
    static void encodeRawString(ByteArrayOutputStream out, String name, byte[] bytes) {
        header(out, 0x02, name);
        int32(out, bytes.length + 1);
        out.writeBytes(bytes);
        out.write(0);
    }

    private static void header(ByteArrayOutputStream out, int type, String name) {
        out.write(type);
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
    }

    private static void int64(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
