package dev.hexsync.cli.judge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal BSON encoder for sync lines, so that generated scenarios can send a line as
 * {@code line_binary} (the oracle takes BSON as hex): objects become documents, arrays documents keyed
 * "0", "1", ...; strings, 32- or 64-bit integers (by size), doubles, booleans and null map to their BSON
 * types.
 */
final class Bson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Bson() {
    }

    /** The BSON document for a JSON object text, as lower-case hex. */
    static String hex(String jsonObject) {
        return HexFormat.of().formatHex(document(MAPPER.readTree(jsonObject)));
    }

    private static byte[] document(JsonNode node) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                element(body, member.getKey(), member.getValue());
            }
        } else {
            int index = 0;
            for (JsonNode element : node.values()) {
                element(body, String.valueOf(index++), element);
            }
        }
        body.write(0);
        byte[] content = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(int32(content.length + 4));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, String name, JsonNode value) {
        byte type;
        byte[] payload;
        if (value.isObject()) {
            type = 0x03;
            payload = document(value);
        } else if (value.isArray()) {
            type = 0x04;
            payload = document(value);
        } else if (value.isString()) {
            type = 0x02;
            byte[] text = value.stringValue().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream string = new ByteArrayOutputStream();
            string.writeBytes(int32(text.length + 1));
            string.writeBytes(text);
            string.write(0);
            payload = string.toByteArray();
        } else if (value.isIntegralNumber() && value.canConvertToInt()) {
            type = 0x10;
            payload = int32(value.intValue());
        } else if (value.isIntegralNumber()) {
            type = 0x12;
            payload = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value.longValue()).array();
        } else if (value.isNumber()) {
            type = 0x01;
            payload = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value.doubleValue()).array();
        } else if (value.isBoolean()) {
            type = 0x08;
            payload = new byte[] {(byte) (value.booleanValue() ? 1 : 0)};
        } else {
            type = 0x0A;
            payload = new byte[0];
        }
        out.write(type);
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(payload);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
