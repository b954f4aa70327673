package dev.hexsync.ports.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL forms of Java values, and reading them back, as {@link SqlValues} documents them. */
class SqlValuesTest {
    enum Priority { LOW, HIGH }

    @Test
    void richValuesBecomeTheTextFormsPowerSyncAppsStore() {
        UUID id = UUID.fromString("0b5c3f5e-8f7e-4a43-9b8e-1d2c3b4a5f60");
        Instant at = Instant.parse("2026-12-07T21:03:04.567891Z");

        assertThat(SqlValues.toSql(id)).isEqualTo("0b5c3f5e-8f7e-4a43-9b8e-1d2c3b4a5f60");
        assertThat(SqlValues.toSql(at)).isEqualTo("2026-12-07T21:03:04.567Z");
        assertThat(SqlValues.toSql(Instant.parse("2026-12-07T21:03:04Z"))).isEqualTo("2026-12-07T21:03:04.000Z");
        assertThat(SqlValues.toSql(OffsetDateTime.of(2026, 12, 7, 22, 3, 4, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("2026-12-07T21:03:04.000Z");
        assertThat(SqlValues.toSql(LocalDate.of(2026, 12, 7))).isEqualTo("2026-12-07");
        assertThat(SqlValues.toSql(LocalDateTime.of(2026, 12, 7, 21, 3))).isEqualTo("2026-12-07T21:03:00.000");
        assertThat(SqlValues.toSql(LocalTime.of(9, 5))).isEqualTo("09:05:00.000");
        assertThat(SqlValues.toSql(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(SqlValues.toSql(new BigDecimal("0.10"))).isEqualTo("0.10");
        assertThat(SqlValues.toSql(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
        assertThat(SqlValues.toSql(Priority.HIGH)).isEqualTo("HIGH");
    }

    @Test
    void plainValuesPassThroughAndUnknownTypesAreLeftForTheEngineToRefuse() {
        Object unknown = new Object();
        List<Object> converted = SqlValues.toSql(Arrays.asList(null, "a", 1L, 2, 1.5, true, unknown));

        assertThat(converted).containsExactly(null, "a", 1L, 2, 1.5, true, unknown);
    }

    @Test
    void instantsSortAsTextInTimeOrder() {
        String whole = (String) SqlValues.toSql(Instant.parse("2026-12-07T21:03:04Z"));
        String later = (String) SqlValues.toSql(Instant.parse("2026-12-07T21:03:04.500Z"));

        // With Instant.toString() the whole second ("...04Z") would sort after "...04.500Z".
        assertThat(whole).isLessThan(later);
    }

    @Test
    void everyFormReadsBack() {
        UUID id = UUID.randomUUID();
        assertThat(SqlValues.fromSql(SqlValues.toSql(id), UUID.class)).isEqualTo(id);
        assertThat(SqlValues.fromSql("2026-12-07T21:03:04.567Z", Instant.class))
                .isEqualTo(Instant.parse("2026-12-07T21:03:04.567Z"));
        assertThat(SqlValues.fromSql("2026-12-07", LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(SqlValues.fromSql("0.10", BigDecimal.class)).isEqualTo(new BigDecimal("0.10"));
        assertThat(SqlValues.fromSql(3L, BigDecimal.class)).isEqualTo(new BigDecimal("3"));
        assertThat(SqlValues.fromSql("LOW", Priority.class)).isEqualTo(Priority.LOW);
        assertThat(SqlValues.fromSql(1L, boolean.class)).isTrue();
        assertThat(SqlValues.fromSql(7L, int.class)).isEqualTo(7);
        assertThat(SqlValues.fromSql(7L, String.class)).isEqualTo("7");
        assertThat(SqlValues.fromSql(null, Integer.class)).isNull();
    }

    @Test
    void valuesWithoutAReadingAreRefusedNamingValueAndType() {
        assertThatThrownBy(() -> SqlValues.fromSql("nope", UUID.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("java.util.UUID");
        assertThatThrownBy(() -> SqlValues.fromSql(null, long.class)).hasMessageContaining("NULL")
                .hasMessageContaining("long");
        assertThatThrownBy(() -> SqlValues.fromSql(1L << 40, int.class)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> SqlValues.fromSql("MEDIUM", Priority.class)).hasMessageContaining("'MEDIUM'");
        assertThatThrownBy(() -> SqlValues.fromSql(1.5, long.class)).hasMessageContaining("REAL 1.5");
    }
}
