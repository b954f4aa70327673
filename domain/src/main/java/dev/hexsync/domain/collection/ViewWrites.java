package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.WriteContext;
import dev.hexsync.ports.schema.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The statements that persist pending writes: plain SQL through the table's view, as an application writes. */
final class ViewWrites {
    private ViewWrites() {
    }

    /**
     * Writes one pending write through the table's view: an insert with every column, an update of the changed
     * columns only, a delete (with metadata, on a table that tracks it, the update the SDKs use for it).
     */
    static void write(WriteContext tx, Table table, PendingWrite write, Optional<String> metadata) {
        boolean withMetadata = metadata.isPresent() && table.options().trackMetadata();
        String view = Filters.identifier(table.viewName());
        List<Object> params = new ArrayList<>();
        switch (write.kind()) {
            case INSERT -> {
                List<String> names = new ArrayList<>();
                names.add(Filters.identifier("id"));
                params.add(write.id());
                write.columns().forEach((column, value) -> {
                    if (!column.equals("id")) {
                        names.add(Filters.identifier(column));
                        params.add(value);
                    }
                });
                if (withMetadata) {
                    names.add(Filters.identifier("_metadata"));
                    params.add(metadata.get());
                }
                tx.execute("INSERT INTO " + view + " (" + String.join(", ", names) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(names.size(), "?")) + ")", params);
            }
            case UPDATE -> {
                List<String> sets = new ArrayList<>();
                write.columns().forEach((column, value) -> {
                    sets.add(Filters.identifier(column) + " = ?");
                    params.add(value);
                });
                if (withMetadata) {
                    sets.add(Filters.identifier("_metadata") + " = ?");
                    params.add(metadata.get());
                }
                if (sets.isEmpty()) {
                    return; // nothing changed: writing would only queue an empty update
                }
                params.add(write.id());
                tx.execute("UPDATE " + view + " SET " + String.join(", ", sets) + " WHERE "
                        + Filters.identifier("id") + " = ?", params);
            }
            case DELETE -> {
                if (withMetadata) {
                    tx.execute("UPDATE " + view + " SET " + Filters.identifier("_deleted") + " = 1, "
                            + Filters.identifier("_metadata") + " = ? WHERE " + Filters.identifier("id") + " = ?",
                            List.of(metadata.get(), write.id()));
                } else {
                    tx.execute("DELETE FROM " + view + " WHERE " + Filters.identifier("id") + " = ?",
                            List.of(write.id()));
                }
            }
            default -> throw new IllegalStateException("Unknown write " + write.kind());
        }
    }
}
