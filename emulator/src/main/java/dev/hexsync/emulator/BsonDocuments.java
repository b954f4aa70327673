package dev.hexsync.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes sync lines as BSON documents the way the service's js-bson does: numbers that fit int32 as int32,
 * every other number as a double (so large unsigned checksums arrive as doubles), strings, booleans, null,
 * nested documents and arrays.
 */
final class BsonDocuments {

    private BsonDocuments() {
    }

    static byte[] encode(Map<String, ?> document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeDocument(out, document);
        return out.toByteArray();
    }

    private static void writeDocument(ByteArrayOutputStream out, Map<String, ?> document) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        document.forEach((name, value) -> writeElement(elements, name, value));
        writeInt32(out, 4 + elements.size() + 1);
        out.writeBytes(elements.toByteArray());
        out.write(0);
    }

    private static void writeElement(ByteArrayOutputStream out, String name, Object value) {
        if (value == null) {
            header(out, 0x0A, name);
        } else if (value instanceof String s) {
            header(out, 0x02, name);
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            writeInt32(out, bytes.length + 1);
            out.writeBytes(bytes);
            out.write(0);
        } else if (value instanceof Boolean b) {
            header(out, 0x08, name);
            out.write(b ? 1 : 0);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                header(out, 0x10, name);
                writeInt32(out, n.intValue());
            } else {
                header(out, 0x01, name);
                long bits = Double.doubleToLongBits(d);
                writeInt32(out, (int) bits);
                writeInt32(out, (int) (bits >>> 32));
            }
        } else if (value instanceof Map<?, ?> map) {
            header(out, 0x03, name);
            @SuppressWarnings("unchecked")
            Map<String, ?> document = (Map<String, ?>) map;
            writeDocument(out, document);
        } else if (value instanceof List<?> list) {
            header(out, 0x04, name);
            Map<String, Object> array = new java.util.LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                array.put(Integer.toString(i), list.get(i));
            }
            writeDocument(out, array);
        } else {
            throw new IllegalArgumentException("no BSON form for " + value.getClass().getName());
        }
    }

    private static void header(ByteArrayOutputStream out, int type, String name) {
        out.write(type);
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void writeInt32(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
