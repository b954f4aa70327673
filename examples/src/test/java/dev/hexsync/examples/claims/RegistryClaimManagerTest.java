package dev.hexsync.examples.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import dev.hexsync.ports.claims.InvalidResourceIdException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The custom claim backend keeps the rules every backend keeps (see {@code ClaimManager}). */
class RegistryClaimManagerTest {
    private final Map<String, Object> registry = RegistryClaimManager.newRegistry();
    private final RegistryClaimManager window = new RegistryClaimManager(registry, "window");
    private final RegistryClaimManager worker = new RegistryClaimManager(registry, "worker");

    @Test
    void aClaimIsExclusiveUntilClosed() {
        Claim claim = window.claim("trigger-1");

        assertThat(claim.isHeld()).isTrue();
        assertThat(worker.isClaimed("trigger-1")).isTrue();
        assertThatThrownBy(() -> worker.claim("trigger-1")).isInstanceOf(ClaimedElsewhereException.class)
                .hasMessageContaining("trigger-1");
        assertThatThrownBy(() -> window.claim("trigger-1")).isInstanceOf(ClaimedInThisProcessException.class);

        claim.close();
        claim.close();
        assertThat(claim.isHeld()).isFalse();
        assertThat(worker.isClaimed("trigger-1")).isFalse();
        try (Claim again = worker.claim("trigger-1")) {
            assertThat(worker.held()).containsExactly("trigger-1");
        }
    }

    @Test
    void closingAnOldClaimNeverReleasesANewerOne() {
        Claim old = window.claim("leader");
        old.close();
        Claim newer = worker.claim("leader");

        old.close();

        assertThat(newer.isHeld()).isTrue();
        assertThat(window.isClaimed("leader")).isTrue();
    }

    @Test
    void invalidIdsAreRefusedBeforeTheRegistryIsTouched() {
        assertThatThrownBy(() -> window.claim("")).isInstanceOf(InvalidResourceIdException.class);
        assertThat(registry).isEmpty();
    }
}
