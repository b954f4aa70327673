package dev.hexsync.adapters.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks a sync service endpoint and builds the URLs of its routes.
 *
 * <p>The PowerSync SDKs reject an endpoint with a trailing slash rather than trimming it: the endpoint comes from
 * the app's {@code fetchCredentials()}, and a silent fix-up would hide a misconfiguration that other clients of
 * the same backend would trip over. Anything that is not a plain http(s) base URL is refused for the same
 * reason, with a message that names the problem.
 */
final class Endpoints {
    private Endpoints() {
    }

    /**
     * Returns {@code endpoint} if it can serve as a sync service base URL.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static URI validate(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint is null");
        String scheme = endpoint.getScheme() == null ? null : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("Sync service endpoint must be an http or https URL, got "
                    + (scheme == null ? "no scheme" : "scheme '" + endpoint.getScheme() + "'")
                    + ": " + shown(endpoint));
        }
        if (endpoint.isOpaque() || endpoint.getRawAuthority() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("Sync service endpoint has no host: " + shown(endpoint));
        }
        if (endpoint.getRawUserInfo() != null) {
            // Not echoed: user info is a credential, and credentials belong in the token only.
            throw new IllegalArgumentException(
                    "Sync service endpoint must not carry user info (user:password@); authenticate with the token");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Sync service endpoint must not have a query or fragment: " + shown(endpoint));
        }
        String path = endpoint.getRawPath();
        if (path != null && path.endsWith("/")) {
            throw new IllegalArgumentException("Sync service endpoint must not end with '/': " + shown(endpoint)
                    + " (use " + shown(endpoint).replaceAll("/+$", "") + ")");
        }
        return endpoint;
    }

    /** The URL of {@code route} (starting with '/') under a {@linkplain #validate validated} endpoint. */
    static URI resolve(URI endpoint, String route) {
        // Concatenation, not URI.resolve: the endpoint may have a path prefix (a reverse proxy's mount point)
        // that relative resolution would replace.
        return URI.create(endpoint.toString() + route);
    }

    /** The endpoint as shown in messages: it carries no secret once user info has been refused. */
    private static String shown(URI endpoint) {
        return endpoint.getRawUserInfo() == null ? endpoint.toString() : "<endpoint with user info>";
    }
}
