package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.locks.FileLockClaimManager;
import dev.hexsync.adapters.locks.InJvmClaimManager;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.storage.DatabaseLocation;
import java.nio.file.Path;

/**
 * The claim backend of a database, shared by the sync leader lock and the owners of persisted diff triggers:
 * for a file, OS file locks in the claims directory beside it ({@code app.db.claims/}, named after the
 * canonical path, so every process opening the file finds the same directory); for an in-memory database,
 * the in-JVM registry. Override the {@link ClaimManager} binding for another backend (a database server when
 * processes share no file system); every process sharing the file must use the same one.
 */
public final class ClaimsModule extends AbstractModule {

    /** The claims directory of a database: its canonical path with {@code .claims} appended. */
    public static Path claimsDirectory(DatabaseLocation.File file) {
        Path canonical = file.canonicalPath();
        return canonical.resolveSibling(canonical.getFileName() + ".claims");
    }

    @Provides
    @Singleton
    ClaimManager claims(DatabaseLocation location) {
        if (location instanceof DatabaseLocation.File file) {
            return new FileLockClaimManager(claimsDirectory(file));
        }
        return new InJvmClaimManager();
    }
}
