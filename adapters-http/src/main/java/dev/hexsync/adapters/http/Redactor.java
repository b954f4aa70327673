package dev.hexsync.adapters.http;

/**
 * Removes a token from text bound for an exception message or a log line. We never put the token there
 * ourselves; this guards what the other side writes (an error body, a proxy's page, a parser's message quoting
 * a body), which could echo the {@code Authorization} header back.
 */
final class Redactor {
    static final String REDACTED = "<redacted>";

    private final String token;

    Redactor(String token) {
        this.token = token;
    }

    String scrub(String text) {
        if (text == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, REDACTED);
    }
}
