package dev.hexsync.domain.trigger;

import dev.hexsync.ports.api.DiffTriggerOperation;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of a managed trigger, {@code __ps_temp_trigger_<operation>__<destination>__<id>}, the format the
 * PowerSync JS SDK uses. Everything the sweep needs is in the name itself, because SQLite keeps no trigger
 * comments and {@code ps_kv} is wiped when the database is cleared. The id is a UUID with {@code _} for
 * {@code -} (always {@value #ID_LENGTH} chars, the name's tail), so the destination in between may contain
 * {@code __} itself.
 *
 * @param operation the operation the trigger records
 * @param destination the table it records into
 * @param id its owner's id, the resource claimed while the trigger is live
 */
public record TriggerName(DiffTriggerOperation operation, String destination, String id) {
    /** What every managed trigger's name starts with. */
    public static final String PREFIX = "__ps_temp_trigger_";
    static final int ID_LENGTH = 36;
    private static final String SEPARATOR = "__";

    public TriggerName {
        Objects.requireNonNull(operation, "operation is null");
        if (destination == null || destination.isEmpty()) {
            throw new IllegalArgumentException("A trigger's destination must not be empty");
        }
        if (!isId(id)) {
            throw new IllegalArgumentException("A trigger id is a UUID with '_' for '-', was '" + id + "'");
        }
    }

    /** The trigger's name. */
    public String format() {
        return PREFIX + operation.name().toLowerCase(Locale.ROOT) + SEPARATOR + destination + SEPARATOR + id;
    }

    /** A name in the convention, read back; empty for any other name (an application's own trigger). */
    public static Optional<TriggerName> parse(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = name.substring(PREFIX.length());
        int afterOperation = rest.indexOf(SEPARATOR);
        int idStart = rest.length() - ID_LENGTH;
        if (afterOperation < 0 || idStart - SEPARATOR.length() <= afterOperation + SEPARATOR.length()
                || !rest.startsWith(SEPARATOR, idStart - SEPARATOR.length())) {
            return Optional.empty();
        }
        Optional<DiffTriggerOperation> operation = operation(rest.substring(0, afterOperation));
        String destination = rest.substring(afterOperation + SEPARATOR.length(), idStart - SEPARATOR.length());
        String id = rest.substring(idStart);
        if (operation.isEmpty() || !isId(id)) {
            return Optional.empty();
        }
        return Optional.of(new TriggerName(operation.get(), destination, id));
    }

    /** A fresh id: a random UUID spelled with {@code _}, so it can be part of an unquoted SQL name. */
    public static String newId(java.util.UUID uuid) {
        return uuid.toString().replace('-', '_');
    }

    private static Optional<DiffTriggerOperation> operation(String text) {
        for (DiffTriggerOperation operation : DiffTriggerOperation.values()) {
            if (operation.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    private static boolean isId(String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = id.charAt(i);
            boolean separator = i == 8 || i == 13 || i == 18 || i == 23;
            if (separator ? c != '_' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
