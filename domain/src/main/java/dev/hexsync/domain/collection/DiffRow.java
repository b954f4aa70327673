package dev.hexsync.domain.collection;

import java.util.Map;

/**
 * One change the diff trigger recorded: its operation ({@code INSERT}, {@code UPDATE}, {@code DELETE}), the
 * row's id, its stored values after the change (before it, for a delete) and the change's operation id.
 */
record DiffRow(String operation, String id, Map<String, Object> columns, long operationId) {

    boolean isDelete() {
        return operation.equals("DELETE");
    }
}
