package dev.hexsync.adapters.http;

import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.ServiceException;
import dev.hexsync.ports.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

/**
 * Turns an error status and its body into the port's typed errors: 401 into {@link CredentialsException} (the
 * credentials must be fetched again), anything else into {@link ServiceException} with the service's
 * {@code PSYNC_*} code when its body names one. Every text taken from the body is scrubbed of the token.
 */
final class ServiceErrors {
    /** Enough for any service error body; a proxy's error page is cut here. */
    static final int MAX_ERROR_BODY = 64 * 1024;
    /** A service description is a sentence or two; anything longer is cut to keep messages readable. */
    private static final int MAX_DESCRIPTION = 1000;
    /** How much of a body that is not a service error goes into a message. */
    private static final int MAX_SNIPPET = 200;

    private final ServiceJson json;

    ServiceErrors(ServiceJson json) {
        this.json = json;
    }

    /**
     * The exception for an answer with a non-2xx {@code status}.
     *
     * @param route names the request, e.g. {@code POST /sync/stream}
     * @param body up to {@link #MAX_ERROR_BODY} bytes of the answer's body, possibly empty
     */
    TransportException toException(String route, int status, String reasonPhrase, byte[] body, Redactor redactor) {
        Optional<ServiceJson.ServiceError> error = json.error(body);
        String code = error.map(ServiceJson.ServiceError::code).map(redactor::scrub).orElse(null);
        String description = error.map(ServiceJson.ServiceError::description)
                .filter(d -> !d.isBlank())
                .map(d -> shorten(redactor.scrub(d.strip()), MAX_DESCRIPTION))
                .orElseGet(() -> describeBody(reason(status, reasonPhrase), body, redactor));
        if (status == 401) {
            return new CredentialsException("The sync service rejected the credentials on " + route + " (HTTP 401"
                    + (code == null ? "" : " " + code) + "): " + description
                    + "; fetch new credentials before retrying");
        }
        return new ServiceException(status, code, description + " (" + route + ")");
    }

    /** The server's reason phrase, or the standard one: HTTP/2 has none, and some servers omit it. */
    private static String reason(int status, String reasonPhrase) {
        if (reasonPhrase != null && !reasonPhrase.isBlank()) {
            return reasonPhrase.strip();
        }
        String standard = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ROOT);
        return standard == null ? "HTTP " + status : standard;
    }

    private static String describeBody(String reason, byte[] body, Redactor redactor) {
        if (body.length == 0) {
            return reason + " (empty body)";
        }
        // Scrub the whole text before cutting it, so that a cut cannot leave a prefix of the token behind.
        String text = redactor.scrub(new String(body, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
        text = shorten(text, MAX_SNIPPET);
        return reason + " (body is not a service error: " + text + ")";
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
