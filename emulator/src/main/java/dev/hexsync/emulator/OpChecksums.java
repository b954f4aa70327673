package dev.hexsync.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The service's op checksums ({@code hashData} / {@code hashDelete} in service-core {@code util/utils.ts}):
 * SHA-256 of a UTF-8 string, first four bytes read as a little-endian 32-bit number.
 */
final class OpChecksums {

    private OpChecksums() {
    }

    /** A PUT's checksum: hash of {@code put.<type>.<id>.<data>}, data being the exact JSON text sent. */
    static int put(String objectType, String objectId, String data) {
        return hash("put." + objectType + "." + objectId + "." + data);
    }

    /** A REMOVE's checksum: hash of {@code delete.<subkey>}. */
    static int remove(String subkey) {
        return hash("delete." + subkey);
    }

    static int hash(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        return (digest[0] & 0xFF) | (digest[1] & 0xFF) << 8 | (digest[2] & 0xFF) << 16 | (digest[3] & 0xFF) << 24;
    }
}
