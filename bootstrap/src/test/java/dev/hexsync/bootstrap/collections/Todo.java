package dev.hexsync.bootstrap.collections;

import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;

/** The row type of the live-collection tests: a todo as a record, mapped by the default record mapping. */
public record Todo(String id, String listId, String description, boolean completed, double estimate) {

    static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("name").build(),
            Table.builder("todos").text("list_id").text("description").integer("completed").real("estimate")
                    .index(Index.on("by_list", "list_id")).build());

    Todo withDescription(String text) {
        return new Todo(id, listId, text, completed, estimate);
    }

    Todo withCompleted(boolean done) {
        return new Todo(id, listId, description, done, estimate);
    }

    static Todo of(String id, String listId) {
        return new Todo(id, listId, "todo " + id, false, 1.5);
    }
}
