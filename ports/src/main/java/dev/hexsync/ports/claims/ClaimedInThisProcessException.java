package dev.hexsync.ports.claims;

/**
 * This process already holds a claim on the id. Claims are not reentrant: holding one twice would let either
 * holder's {@code close()} release the other's ownership, so the second claim is refused. It usually means a
 * claim was not closed, or two parts of one application think they own the same resource.
 */
public final class ClaimedInThisProcessException extends AlreadyClaimedException {
    /** @param resourceId the id this process holds already */
    public ClaimedInThisProcessException(String resourceId) {
        super(resourceId, "Resource " + quote(resourceId) + " is already claimed in this process; close that claim"
                + " before claiming the resource again (claims are not reentrant)");
    }
}
