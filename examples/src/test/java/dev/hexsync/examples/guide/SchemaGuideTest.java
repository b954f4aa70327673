package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.IndexedColumn;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's schema page. */
class SchemaGuideTest {

    @Test
    void aSchemaDeclaresTheAppsTables() {
        // tag::schema[]
        Schema schema = Schema.of(
                Table.builder("lists")
                        .text("name").text("owner_id")
                        .build(),
                Table.builder("todos")
                        .text("list_id").text("description").integer("completed").real("estimate")
                        .text("created_at")
                        .index(Index.on("by_list", "list_id"))
                        .index(new Index("newest_first", List.of(IndexedColumn.descending("created_at"))))
                        .trackPreviousValues(TrackPreviousValues.columns("completed"))   // "old" in uploads
                        .build(),
                Table.builder("drafts").text("body").localOnly().build(),             // never uploaded
                Table.builder("events").text("kind").insertOnly().build());           // uploaded, never stored
        // end::schema[]
        try (SyncDatabase db = HexSync.builder().inMemory().schema(schema).build()) {
            db.execute("INSERT INTO drafts(id, body) VALUES ('d1', 'not uploaded')");
            db.execute("INSERT INTO events(id, kind) VALUES ('e1', 'opened')");
            assertThat(db.getAll("SELECT * FROM events")).isEmpty();
            assertThat(db.getUploadQueueStats(false).count()).isEqualTo(1);
        }
    }

    @Test
    void theIdColumnIsImplicit() {
        // tag::id[]
        // Every table has the text primary key "id"; declaring it fails at once, naming the table:
        //   SchemaException: Table 'todos': do not declare column 'id'; the text primary key 'id' is added automatically
        assertThatThrownBy(() -> Table.builder("todos").text("id"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("Table 'todos'");
        // end::id[]
    }

    @Test
    void theSchemaCanChangeWhileTheDatabaseIsOpen() {
        try (SyncDatabase db = HexSync.builder().inMemory()
                .schema(Schema.of(Table.builder("todos").text("description").build())).build()) {
            db.execute("INSERT INTO todos(id, description) VALUES ('t1', 'kept')");
            // tag::update[]
            db.updateSchema(Schema.of(Table.builder("todos").text("description").integer("priority").build()));
            // end::update[]
            assertThat(db.get("SELECT description, priority FROM todos").toMap())
                    .containsEntry("description", "kept").containsEntry("priority", null);
        }
    }
}
