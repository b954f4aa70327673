package dev.hexsync.adapters.sqlite.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.hexsync.testkit.logs.CapturedLogs;
import dev.hexsync.testkit.time.VirtualScheduler;

/**
 * What happens to a table's rows when a schema change flips it between local-only and synced, as the engine
 * does it (oracle scenarios crud/41 and crud/54), and that a drop of local rows is never silent.
 */
class SchemaChangeRowsTest {
    private static final Table LOCAL_NOTES = Table.builder("notes").text("body").localOnly().build();
    private static final Table SYNCED_NOTES = Table.builder("notes").text("body").build();
    private static final Table TODOS = Table.builder("todos").text("description").build();

    /** SchemaApplier's lines, as CapturedLogs writes them: {@code LEVEL logger: message}. */
    private static final String LOGGER = SchemaApplier.class.getName();

    private SqlSession session;

    @BeforeEach
    void open() {
        CapturedLogs.start();
        session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.inMemory("schema-change"), StorageOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        session.close();
        CapturedLogs.stop();
    }

    @Test
    void localOnlyToSyncedDropsTheLocalRowsAsTheEngineDoesAndWarnsWithTableAndCount() {
        session.applySchema(Schema.of(LOCAL_NOTES, TODOS));
        insertNotes("n1", "n2");

        session.applySchema(Schema.of(SYNCED_NOTES, TODOS));

        assertThat(count("notes")).isZero();
        assertThat(warnings()).singleElement().satisfies(message -> assertThat(message)
                .contains("'notes'").contains("became synced").contains("2 rows were dropped"));
    }

    @Test
    void droppingALocalOnlyTableWarnsWithTableAndCount() {
        session.applySchema(Schema.of(LOCAL_NOTES, TODOS));
        insertNotes("n1", "n2", "n3");

        session.applySchema(Schema.of(TODOS));

        assertThat(warnings()).singleElement().satisfies(message -> assertThat(message)
                .contains("'notes'").contains("no longer in the schema").contains("3 rows were dropped"));
    }

    @Test
    void syncedToLocalOnlyAndBackKeepsTheSyncedRowsAndWarnsOfNothing() {
        session.applySchema(Schema.of(SYNCED_NOTES));
        insertNotes("n1", "n2");

        session.applySchema(Schema.of(LOCAL_NOTES));
        assertThat(count("notes")).isZero();
        session.applySchema(Schema.of(SYNCED_NOTES));

        assertThat(count("notes")).isEqualTo(2);
        assertThat(warnings()).isEmpty();
        assertThat(lines("INFO")).isNotEmpty();
    }

    @Test
    void anEmptyLocalOnlyTableChangesWithoutAWarning() {
        session.applySchema(Schema.of(LOCAL_NOTES));

        session.applySchema(Schema.of(SYNCED_NOTES));
        session.applySchema(Schema.of(TODOS));

        assertThat(warnings()).isEmpty();
    }

    private void insertNotes(String... ids) {
        session.write(tx -> {
            for (String id : ids) {
                tx.execute("INSERT INTO notes(id, body) VALUES (?, 'text')", id);
            }
            return null;
        });
    }

    private long count(String table) {
        return session.read(tx -> tx.get("SELECT count(*) AS n FROM " + table).getLong("n"));
    }

    private List<String> warnings() {
        return lines("WARN");
    }

    /** The messages SchemaApplier logged at {@code level} so far. */
    private static List<String> lines(String level) {
        String prefix = level + " " + LOGGER + ": ";
        List<String> lines = CapturedLogs.lines();
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).toList();
    }
}
