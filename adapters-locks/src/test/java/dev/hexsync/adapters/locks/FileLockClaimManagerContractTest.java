package dev.hexsync.adapters.locks;

import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.testkit.claims.ChildManagerSpec;
import dev.hexsync.testkit.claims.ClaimManagerContractTest;
import dev.hexsync.testkit.claims.ClaimManagerFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** OS file locks pass the whole contract, child JVMs locking the same directory. */
class FileLockClaimManagerContractTest extends ClaimManagerContractTest {
    @TempDir
    Path tempDir;

    @Override
    protected ClaimManager newManager() {
        return new FileLockClaimManager(directory());
    }

    @Override
    protected Optional<ChildManagerSpec> childManager() {
        return Optional.of(ChildManagerSpec.of(Factory.class, directory().toString()));
    }

    private Path directory() {
        return tempDir.resolve("app.db.claims");
    }

    /** Opens the child's manager on the directory the test passes. */
    public static final class Factory implements ClaimManagerFactory {
        @Override
        public ClaimManager open(List<String> arguments) {
            return new FileLockClaimManager(Path.of(arguments.get(0)));
        }
    }
}
