package dev.hexsync.ports.storage;

import dev.hexsync.ports.api.DiffTriggerOperation;
import dev.hexsync.ports.schema.Table;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One trigger of a diff trigger set, as the storage engine creates it: after {@code operation} on the stored
 * rows of {@code source}, when {@code condition} holds, insert a row into {@code destination}.
 *
 * @param name the trigger's name, chosen by the engine (it encodes the owner's id)
 * @param columns the columns recorded: empty for the whole row, an empty list for none
 * @param condition SQL over {@code NEW} / {@code OLD}; empty for always
 * @param temporary a connection-scoped trigger rather than one stored in the database
 */
public record DiffTriggerDefinition(
        String name,
        DiffTriggerOperation operation,
        Table source,
        String destination,
        Optional<List<String>> columns,
        Optional<String> condition,
        boolean temporary) {

    public DiffTriggerDefinition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(destination, "destination is null");
        columns = Objects.requireNonNull(columns, "columns is null").map(List::copyOf);
        Objects.requireNonNull(condition, "condition is null");
    }
}
