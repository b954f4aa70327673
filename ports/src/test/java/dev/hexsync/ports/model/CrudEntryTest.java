package dev.hexsync.ports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The upload JSON of a queue entry, in the SDKs' key order, with absent parts left out. */
class CrudEntryTest {
    @Test
    void aPatchWithPreviousValuesAndMetadata() {
        CrudEntry entry = new CrudEntry(3, OptionalLong.of(2), UpdateType.PATCH, "todos", "t1",
                Optional.of(Map.of("completed", 1L)), Optional.of(Map.of("completed", 0L)), Optional.of("m"));
        assertThat(entry.toUploadJson()).containsExactly(Map.entry("op", "PATCH"), Map.entry("type", "todos"),
                Map.entry("id", "t1"), Map.entry("data", Map.of("completed", 1L)),
                Map.entry("old", Map.of("completed", 0L)), Map.entry("metadata", "m"));
    }

    @Test
    void aDeleteHasNoData() {
        CrudEntry entry = new CrudEntry(4, OptionalLong.empty(), UpdateType.DELETE, "todos", "t1",
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(entry.toUploadJson()).containsOnlyKeys("op", "type", "id").containsEntry("op", "DELETE");
    }
}
