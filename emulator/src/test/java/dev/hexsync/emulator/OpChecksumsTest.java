package dev.hexsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The op hash against the vectors in service-protocol §9 and the recorded real-service stream, and the bucket
 * totals the emulator announces, which wrap at 32 bits as the service's do.
 */
class OpChecksumsTest {

    @Test
    void putHashesTypeIdAndData() {
        assertThat(Integer.toUnsignedLong(OpChecksums.put("test", "t1", "{\"id\":\"t1\",\"description\":\"Test 1\"}")))
                .isEqualTo(920318466L);
        assertThat(Integer.toUnsignedLong(OpChecksums.put("lists", "11111111-1111-1111-1111-111111111111",
                "{\"id\":\"11111111-1111-1111-1111-111111111111\",\"created_at\":\"2026-11-22 12:03:26.456034Z\","
                        + "\"name\":\"Groceries\",\"owner_id\":\"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\"}")))
                .isEqualTo(2168140818L);
    }

    @Test
    void removeHashesTheSubkey() {
        assertThat(Integer.toUnsignedLong(OpChecksums.remove(
                "b348a857-2195-4c6e-9bbb-64e6f6ea7c42/a2e67284-59a3-5fff-9daa-53d6e362f4ae")))
                .isEqualTo(2840618249L);
    }

    @Test
    void bucketChecksumsWrapAt32Bits() {
        BucketStorage storage = new BucketStorage();
        // 920318466 + 3280762209 + 3280762209 = 7481842884, past 2^32: the service announces it modulo 2^32.
        for (long checksum : new long[] {920318466L, 3280762209L, 3280762209L}) {
            storage.append("b", new OplogOp(storage.nextOpId(), OplogOp.Type.PUT, "t", "id", "s", "{}", (int) checksum, 0));
        }
        storage.commit();

        assertThat(Integer.toUnsignedLong(storage.totals("b").checksum())).isEqualTo(7481842884L - (1L << 32));
        assertThat(storage.totals("b").count()).isEqualTo(3);
    }
}
