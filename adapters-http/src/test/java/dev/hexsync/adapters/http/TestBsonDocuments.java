package dev.hexsync.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Small BSON documents for framing tests, written by hand so that the framing is all that is under test. */
final class TestBsonDocuments {
    private TestBsonDocuments() {
    }

    /** {@code {"token_expires_in": seconds}} (an int32 element). */
    static byte[] tokenExpiresIn(int seconds) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        elements.write(0x10);
        writeCString(elements, "token_expires_in");
        elements.writeBytes(littleEndian(seconds));
        return document(elements.toByteArray());
    }

    /** {@code {"checkpoint_complete": {"last_op_id": lastOpId}}}. */
    static byte[] checkpointComplete(String lastOpId) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.write(0x02);
        writeCString(inner, "last_op_id");
        byte[] value = lastOpId.getBytes(StandardCharsets.UTF_8);
        inner.writeBytes(littleEndian(value.length + 1));
        inner.writeBytes(value);
        inner.write(0);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x03);
        writeCString(outer, "checkpoint_complete");
        outer.writeBytes(document(inner.toByteArray()));
        return document(outer.toByteArray());
    }

    /** A document whose one string element makes it {@code size} bytes long (for large-frame tests). */
    static byte[] ofSize(int size) {
        int overhead = 4 + 1 + "p".length() + 1 + 4 + 1 + 1;
        byte[] value = new byte[size - overhead];
        java.util.Arrays.fill(value, (byte) 'x');
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        elements.write(0x02);
        writeCString(elements, "p");
        elements.writeBytes(littleEndian(value.length + 1));
        elements.writeBytes(value);
        elements.write(0);
        byte[] document = document(elements.toByteArray());
        if (document.length != size) {
            throw new AssertionError("built " + document.length + " bytes, wanted " + size);
        }
        return document;
    }

    static byte[] document(byte[] elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(littleEndian(4 + elements.length + 1));
        out.writeBytes(elements);
        out.write(0);
        return out.toByteArray();
    }

    static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void writeCString(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
