package dev.hexsync.adapters.http;

import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.CredentialsException;
import java.net.URI;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.HttpHeaders;

/** One call's validated endpoint and token, with a redactor for that token; its toString never shows the token. */
record ServiceCall(URI endpoint, String token, Redactor redactor) {
    static ServiceCall of(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials is null");
        URI endpoint = Endpoints.validate(credentials.endpoint());
        String token = credentials.token();
        // The service matches "Token (\S+)"; a token it would reject, or one that could break the header,
        // is refused here so that the connector is asked for new credentials.
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new CredentialsException("The credentials' token is empty or contains whitespace or "
                    + "non-ASCII characters; the sync service would reject it");
        }
        return new ServiceCall(endpoint, token, new Redactor(token));
    }

    void authorize(HttpUriRequestBase request) {
        request.setHeader(HttpHeaders.AUTHORIZATION, "Token " + token);
    }

    @Override
    public String toString() {
        return "ServiceCall[endpoint=" + endpoint + ", token=" + Redactor.REDACTED + "]";
    }
}
