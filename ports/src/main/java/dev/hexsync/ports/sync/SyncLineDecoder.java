package dev.hexsync.ports.sync;

import dev.hexsync.ports.model.SyncLine;

/**
 * Decodes sync lines from their wire forms, with the protocol's exact type rules. Implementations must be
 * safe for concurrent use.
 */
public interface SyncLineDecoder {

    /**
     * Decodes a JSON line.
     *
     * @throws dev.hexsync.ports.ProtocolException naming what is malformed
     */
    SyncLine decodeText(String line);

    /**
     * Decodes a BSON document.
     *
     * @throws dev.hexsync.ports.ProtocolException naming what is malformed
     */
    SyncLine decodeBinary(byte[] document);
}
