package dev.hexsync.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed filter: values converted like their columns, SQL's three-valued logic, and its SQL text. */
class FiltersTest {
    enum Priority { LOW, HIGH }

    record Task(String id, boolean done, Priority priority, Instant due, double weight) {
    }

    private static final Table TABLE = Schema.of(Table.builder("tasks").integer("done").text("priority").text("due")
            .real("weight").build()).tables().get(0);
    private static final RecordMapping<Task> MAPPING = RecordMapping.of(Task.class, TABLE, Map.of());

    private static Map<String, Object> row(Object done, Object priority, Object weight) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", "t");
        row.put("done", done);
        row.put("priority", priority);
        row.put("weight", weight);
        return row;
    }

    @Test
    void valuesAreStoredAsTheirColumnsStoreThem() {
        RowFilter stored = Filters.stored(RowFilter.and(RowFilter.eq("done", true), RowFilter.in("priority",
                Priority.HIGH, Priority.LOW), RowFilter.ge("due", Instant.parse("2026-01-02T03:04:05Z")),
                RowFilter.gt("weight", 2)), MAPPING, TABLE);
        assertThat(stored).isEqualTo(RowFilter.and(RowFilter.eq("done", 1L), RowFilter.in("priority", "HIGH", "LOW"),
                RowFilter.ge("due", "2026-01-02T03:04:05Z"), RowFilter.gt("weight", 2.0)));
    }

    @Test
    void anUnknownColumnOrANullValueIsAClearError() {
        assertThatThrownBy(() -> Filters.stored(RowFilter.eq("nope", 1), MAPPING, TABLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'").hasMessageContaining("tasks");
        assertThatThrownBy(() -> RowFilter.eq("done", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("isNull");
    }

    @Test
    void evaluationFollowsSqlWithNull() {
        RowFilter notDone = RowFilter.not(RowFilter.eq("done", 1L));
        assertThat(Filters.matches(notDone, row(0L, "LOW", 1.0))).isTrue();
        assertThat(Filters.matches(notDone, row(1L, "LOW", 1.0))).isFalse();
        assertThat(Filters.matches(notDone, row(null, "LOW", 1.0))).as("NOT (NULL = 1) is unknown").isFalse();
        assertThat(Filters.matches(RowFilter.or(notDone, RowFilter.isNull("done")), row(null, "LOW", 1.0))).isTrue();
        assertThat(Filters.matches(RowFilter.lt("weight", 2.0), row(0L, "LOW", 1L))).as("numbers by value").isTrue();
        assertThat(Filters.matches(RowFilter.gt("priority", 5L), row(0L, "LOW", 1.0))).as("text after numbers").isTrue();
        assertThat(Filters.matches(RowFilter.and(), row(0L, "LOW", 1.0))).isTrue();
        assertThat(Filters.matches(RowFilter.or(), row(0L, "LOW", 1.0))).isFalse();
    }

    @Test
    void sqlTextWithParametersOrLiterals() {
        RowFilter filter = RowFilter.or(RowFilter.and(RowFilter.eq("priority", "it's"), RowFilter.lt("weight", 2.5)),
                RowFilter.not(RowFilter.isNull("due")), RowFilter.in("done", 0L, 1L));
        List<Object> params = new ArrayList<>();
        String withParams = Filters.sql(filter, column -> "\"" + column + "\"", value -> {
            params.add(value);
            return "?";
        });
        assertThat(withParams).isEqualTo("((\"priority\" = ?) AND (\"weight\" < ?)) OR (NOT (\"due\" IS NULL))"
                + " OR (\"done\" IN (?, ?))");
        assertThat(params).containsExactly("it's", 2.5, 0L, 1L);
        assertThat(Filters.sql(filter, column -> "NEW." + column, Filters::literal)).isEqualTo(
                "((NEW.priority = 'it''s') AND (NEW.weight < 2.5)) OR (NOT (NEW.due IS NULL)) OR (NEW.done IN (0, 1))");
        assertThat(Filters.sql(RowFilter.or(), column -> column, Filters::literal)).isEqualTo("1 = 0");
    }
}
