package dev.hexsync.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.collection.Converters;
import dev.hexsync.ports.api.collection.InvalidRowException;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The default record mapping: column names, the converters chosen by type, JSON for nested objects. */
class RecordMappingTest {
    enum Status { OPEN, CLOSED }

    record Tag(String label, int weight) {
    }

    record Issue(String id, boolean urgent, Instant createdAt, LocalDate due, UUID owner, Status status,
            List<Tag> tags, Integer votes) {
    }

    private static final Table TABLE = Schema.of(Table.builder("issues").integer("urgent").text("created_at")
            .text("due").text("owner").text("status").text("tags").integer("votes").build()).tables().get(0);

    @Test
    void roundTripsEveryDefaultConversion() {
        RecordMapping<Issue> mapping = RecordMapping.of(Issue.class, TABLE, Map.of());
        Issue issue = new Issue("i1", true, Instant.parse("2026-03-04T05:06:07Z"), LocalDate.of(2026, 12, 24),
                UUID.fromString("00000000-0000-0000-0000-00000000002a"), Status.CLOSED,
                List.of(new Tag("ui", 2), new Tag("bug", 1)), null);
        Map<String, Object> columns = mapping.toColumns(issue);
        assertThat(columns).containsEntry("urgent", 1L).containsEntry("created_at", "2026-03-04T05:06:07Z")
                .containsEntry("due", "2026-12-24").containsEntry("owner", "00000000-0000-0000-0000-00000000002a")
                .containsEntry("status", "CLOSED")
                .containsEntry("tags", "[{\"label\":\"ui\",\"weight\":2},{\"label\":\"bug\",\"weight\":1}]")
                .containsEntry("votes", null);
        assertThat(mapping.fromColumns(columns)).isEqualTo(issue);
    }

    @Test
    void aConverterGivenForAColumnReplacesTheDefault() {
        RecordMapping<Issue> mapping = RecordMapping.of(Issue.class, TABLE,
                Map.of("status", Converters.text(s -> s.name().toLowerCase(), s -> Status.valueOf(
                        s.toUpperCase()), "a status")));
        assertThat(mapping.toColumn("status", Status.OPEN)).isEqualTo("open");
        assertThat(mapping.toColumn("status", "stored already")).isEqualTo("stored already");
    }

    @Test
    void mismatchesFailAtOpenNamingWhatIsWrong() {
        record NoId(String name) {
        }
        record Typo(String id, boolean urgnt) {
        }
        assertThatThrownBy(() -> RecordMapping.of(NoId.class, TABLE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name'");
        assertThatThrownBy(() -> RecordMapping.of(Typo.class, TABLE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'urgnt'")
                .hasMessageContaining("urgent");
        assertThatThrownBy(() -> RecordMapping.of(String.class, TABLE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a record");
    }

    @Test
    void aStoredValueThatDoesNotConvertNamesRowAndColumn() {
        RecordMapping<Issue> mapping = RecordMapping.of(Issue.class, TABLE, Map.of());
        assertThatThrownBy(() -> mapping.fromColumns(Map.of("id", "i9", "status", "HALF_OPEN")))
                .isInstanceOf(InvalidRowException.class).hasMessageContaining("'i9'").hasMessageContaining("'status'")
                .hasMessageContaining("HALF_OPEN");
    }
}
