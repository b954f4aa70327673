package dev.hexsync.ports.api.collection;

import dev.hexsync.ports.HexSyncException;

/** A mutation that does not fit what memory holds: an insert of an existing id, an update of a missing one. */
public class MutationRejectedException extends HexSyncException {
    public MutationRejectedException(String message) {
        super(message);
    }
}
