package dev.hexsync.ports.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a diff trigger records and where. Start with {@link #of} and refine with the {@code with…} methods.
 *
 * @param source the schema table (or its view name) whose changes are recorded
 * @param destination the table the changes go to; empty for a generated name
 * @param columns the columns recorded in {@code value} / {@code previous_value}: empty for the whole row, an
 *     empty list for none ({@code {}}), otherwise exactly those columns
 * @param when the operations recorded, each with an optional SQL condition over {@code NEW} / {@code OLD}
 *     (as in a trigger's {@code WHEN} clause); never empty
 * @param storage temporary or persisted; empty for the database's default
 * @param beforeCreate runs in the setup transaction before the triggers exist, so that a snapshot it takes and
 *     the changes recorded afterwards neither overlap nor leave a gap
 */
public record DiffTriggerOptions(
        String source,
        Optional<String> destination,
        Optional<List<String>> columns,
        Map<DiffTriggerOperation, Optional<String>> when,
        Optional<TriggerStorage> storage,
        Optional<Consumer<WriteContext>> beforeCreate) {

    public DiffTriggerOptions {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(destination, "destination is null");
        columns = Objects.requireNonNull(columns, "columns is null").map(List::copyOf);
        Objects.requireNonNull(when, "when is null");
        if (when.isEmpty()) {
            throw new IllegalArgumentException("A diff trigger on '" + source + "' needs at least one operation");
        }
        EnumMap<DiffTriggerOperation, Optional<String>> ordered = new EnumMap<>(DiffTriggerOperation.class);
        when.forEach((operation, condition) -> ordered.put(Objects.requireNonNull(operation, "operation is null"),
                Objects.requireNonNull(condition, "condition of " + operation + " is null")));
        when = Collections.unmodifiableMap(ordered);
        Objects.requireNonNull(storage, "storage is null");
        Objects.requireNonNull(beforeCreate, "beforeCreate is null");
    }

    /** Records {@code operations} (unconditionally) of every column of {@code source}. */
    public static DiffTriggerOptions of(String source, DiffTriggerOperation first, DiffTriggerOperation... more) {
        Map<DiffTriggerOperation, Optional<String>> when = new EnumMap<>(DiffTriggerOperation.class);
        when.put(first, Optional.empty());
        for (DiffTriggerOperation operation : more) {
            when.put(operation, Optional.empty());
        }
        return new DiffTriggerOptions(source, Optional.empty(), Optional.empty(), when, Optional.empty(),
                Optional.empty());
    }

    /** Records every operation (unconditionally) of every column of {@code source}. */
    public static DiffTriggerOptions of(String source) {
        return of(source, DiffTriggerOperation.INSERT, DiffTriggerOperation.UPDATE, DiffTriggerOperation.DELETE);
    }

    /** Records into {@code table}. */
    public DiffTriggerOptions withDestination(String table) {
        return new DiffTriggerOptions(source, Optional.of(table), columns, when, storage, beforeCreate);
    }

    /** Records only {@code names} (none for an empty list) in the JSON values. */
    public DiffTriggerOptions withColumns(List<String> names) {
        return new DiffTriggerOptions(source, destination, Optional.of(names), when, storage, beforeCreate);
    }

    /** {@link #withColumns(List)}. */
    public DiffTriggerOptions withColumns(String... names) {
        return withColumns(Arrays.asList(names));
    }

    /** Records {@code operation} only when {@code condition} (SQL over {@code NEW} / {@code OLD}) holds. */
    public DiffTriggerOptions withWhen(DiffTriggerOperation operation, String condition) {
        Map<DiffTriggerOperation, Optional<String>> changed = new EnumMap<>(when);
        changed.put(operation, Optional.of(condition));
        return new DiffTriggerOptions(source, destination, columns, changed, storage, beforeCreate);
    }

    /** Keeps the triggers and destination where {@code where} says, whatever the database's default. */
    public DiffTriggerOptions withStorage(TriggerStorage where) {
        return new DiffTriggerOptions(source, destination, columns, when, Optional.of(where), beforeCreate);
    }

    /** Runs {@code hook} in the setup transaction before the triggers are created. */
    public DiffTriggerOptions withBeforeCreate(Consumer<WriteContext> hook) {
        return new DiffTriggerOptions(source, destination, columns, when, storage, Optional.of(hook));
    }
}
