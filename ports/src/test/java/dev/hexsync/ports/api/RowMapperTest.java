package dev.hexsync.ports.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rows mapped to records by column name. */
class RowMapperTest {
    enum State { OPEN, DONE }

    record Todo(UUID id, String listId, String description, boolean completed, State state, Instant createdAt) {
    }

    record Narrow(String id, int count) {
    }

    private static final List<String> COLUMNS =
            List.of("id", "list_id", "description", "completed", "state", "created_at", "extra");

    @Test
    void componentsTakeTheColumnsOfTheirNameOrSnakeCaseName() {
        UUID id = UUID.randomUUID();
        SqlRow row = new SqlRow(COLUMNS, new Object[] {id.toString(), "l1", "Buy milk", 1L, "DONE",
                "2026-12-07T21:00:00.000Z", "ignored"});

        Todo todo = RowMapper.ofRecord(Todo.class).map(row);

        assertThat(todo).isEqualTo(new Todo(id, "l1", "Buy milk", true, State.DONE,
                Instant.parse("2026-12-07T21:00:00Z")));
    }

    @Test
    void aMissingColumnIsNamedWithTheResultsColumns() {
        SqlRow row = new SqlRow(List.of("id", "description"), new Object[] {"t1", "x"});

        assertThatThrownBy(() -> RowMapper.ofRecord(Todo.class).map(row))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining("Todo")
                .hasMessageContaining("'listId' or 'list_id'")
                .hasMessageContaining("[id, description]");
    }

    @Test
    void aValueThatDoesNotFitItsComponentIsNamed() {
        SqlRow row = new SqlRow(List.of("id", "count"), new Object[] {"t1", "many"});

        assertThatThrownBy(() -> RowMapper.ofRecord(Narrow.class).map(row))
                .isInstanceOf(RowMappingException.class)
                .hasMessageContaining("column 'count'")
                .hasMessageContaining("Narrow.count (int)")
                .hasMessageContaining("'many'");
        SqlRow nulls = new SqlRow(List.of("id", "count"), new Object[] {"t1", null});
        assertThatThrownBy(() -> RowMapper.ofRecord(Narrow.class).map(nulls)).hasMessageContaining("NULL");
    }

    @Test
    void resultsOfAnotherShapeAreMappedByTheirOwnColumns() {
        RowMapper<Narrow> mapper = RowMapper.ofRecord(Narrow.class);

        assertThat(mapper.map(new SqlRow(List.of("id", "count"), new Object[] {"a", 1L}))).isEqualTo(new Narrow("a", 1));
        assertThat(mapper.map(new SqlRow(List.of("count", "id"), new Object[] {2L, "b"}))).isEqualTo(new Narrow("b", 2));
    }

    @Test
    void aClassThatIsNoRecordIsRefusedAtOnce() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Record> notARecord = (Class) String.class;
        assertThatThrownBy(() -> RowMapper.ofRecord(notARecord)).hasMessageContaining("java.lang.String is not a record");
    }
}
