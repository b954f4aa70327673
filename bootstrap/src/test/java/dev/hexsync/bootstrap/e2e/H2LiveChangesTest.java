package dev.hexsync.bootstrap.e2e;

import dev.hexsync.bootstrap.HexSync;
import java.nio.file.Path;

/** {@link LiveChangesTest} on H2 file databases. */
class H2LiveChangesTest extends LiveChangesTest {
    @Override
    HexSync.Builder database(Path file) {
        return HexSync.builder().h2(file);
    }
}
