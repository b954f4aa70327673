package dev.hexsync.ports.claims;

import dev.hexsync.ports.HexSyncException;

/**
 * Base of every claim error. Carries the resource id the failed call was about, so a caller juggling many
 * claims (one per diff trigger) can tell which one failed without parsing the message.
 */
public class ClaimException extends HexSyncException {
    private final String resourceId;

    /**
     * @param resourceId the id the call was about
     * @param message what failed
     */
    public ClaimException(String resourceId, String message) {
        super(message);
        this.resourceId = resourceId;
    }

    /**
     * @param resourceId the id the call was about
     * @param message what failed
     * @param cause the backend's error
     */
    public ClaimException(String resourceId, String message, Throwable cause) {
        super(message, cause);
        this.resourceId = resourceId;
    }

    /**
     * The id the failed call was about.
     *
     * @return the id exactly as the caller passed it (possibly invalid, possibly null)
     */
    public String resourceId() {
        return resourceId;
    }

    /**
     * The id quoted for a message. A valid id appears verbatim; only control characters and unpaired
     * surrogates, which only rejected ids carry, are escaped, so such an id cannot forge log lines.
     */
    static String quote(String resourceId) {
        if (resourceId == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(resourceId.length() + 2).append('\'');
        resourceId.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)
                    || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                quoted.append(String.format("\\u%04x", codePoint));
            } else {
                quoted.appendCodePoint(codePoint);
            }
        });
        return quoted.append('\'').toString();
    }
}
