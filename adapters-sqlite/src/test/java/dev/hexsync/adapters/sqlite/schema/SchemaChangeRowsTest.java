package dev.hexsync.adapters.sqlite.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.hexsync.testkit.time.VirtualScheduler;

/**
 * What happens to a table's rows when a schema change flips it between local-only and synced, as the engine
 * does it (oracle scenarios crud/41 and crud/54), and that a drop of local rows is never silent.
 */
class SchemaChangeRowsTest {
    private static final Table LOCAL_NOTES = Table.builder("notes").text("body").localOnly().build();
    private static final Table SYNCED_NOTES = Table.builder("notes").text("body").build();
    private static final Table TODOS = Table.builder("todos").text("description").build();

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(SchemaApplier.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private SqlSession session;

    @BeforeEach
    void open() {
        logger.addHandler(capture);
        session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.inMemory("schema-change"), StorageOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        session.close();
        logger.removeHandler(capture);
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
        assertThat(records).anySatisfy(record -> assertThat(record.getLevel()).isEqualTo(Level.INFO));
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
        return records.stream()
                .filter(record -> record.getLevel() == Level.WARNING)
                // JUL's own formatting: the message as SLF4J formatted it, or with its parameters filled in.
                .map(record -> new java.util.logging.SimpleFormatter().formatMessage(record))
                .toList();
    }
}
