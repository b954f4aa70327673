package dev.hexsync.testkit.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues and checks HS256 tokens the way the service's key store does for a key without {@code kid}: the
 * signature, then {@code sub}/{@code iat}/{@code exp} with 60 s clock tolerance, a lifetime of at most a day,
 * and the audience when one is configured.
 */
final class JwtKeys {

    /** A token that passed: who, and when it expires (epoch milliseconds). */
    record Verified(String userId, long expiresAtMillis) {
    }

    private static final Pattern HEADER = Pattern.compile("^(Token|Bearer) (\\S+)$");
    private static final long CLOCK_TOLERANCE_SECONDS = 60;
    private static final long MAX_LIFETIME_SECONDS = 86_400;

    private final byte[] secret;
    private final String audience;
    private final JsonMapper mapper;

    JwtKeys(byte[] secret, String audience, JsonMapper mapper) {
        this.secret = secret.clone();
        this.audience = audience;
        this.mapper = mapper;
    }

    String issue(String userId, long issuedAtSeconds, long expiresAtSeconds) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("iat", issuedAtSeconds);
        claims.put("exp", expiresAtSeconds);
        if (audience != null) {
            claims.put("aud", audience);
        }
        String signingInput = base64(mapper.writeValueAsBytes(header)) + "." + base64(mapper.writeValueAsBytes(claims));
        return signingInput + "." + base64(sign(signingInput));
    }

    Verified verify(String authorization, long nowMillis) {
        Matcher matcher = authorization == null ? null : HEADER.matcher(authorization);
        if (matcher == null || !matcher.matches()) {
            throw ServiceError.unauthorized("PSYNC_S2106", "Authentication required", null);
        }
        String[] parts = matcher.group(2).split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("Malformed JWT");
        }
        JsonNode header = decode(parts[0]);
        if (!"HS256".equals(header.path("alg").asString(""))) {
            throw invalid("Could not find an appropriate key in the keystore. The key is missing or no key matched the token");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid("Malformed JWT signature");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw invalid("signature verification failed");
        }
        JsonNode claims = decode(parts[1]);
        JsonNode sub = claims.get("sub");
        JsonNode iat = claims.get("iat");
        JsonNode exp = claims.get("exp");
        if (sub == null || !sub.isString() || iat == null || !iat.isNumber() || exp == null || !exp.isNumber()) {
            throw invalid("JWT payload is missing a required claim (sub, iat, exp)");
        }
        long expiresAtMillis = (long) (exp.asDouble() * 1000);
        if (nowMillis > expiresAtMillis + CLOCK_TOLERANCE_SECONDS * 1000) {
            throw ServiceError.unauthorized("PSYNC_S2103", "JWT has expired", null);
        }
        if (exp.asDouble() - iat.asDouble() > MAX_LIFETIME_SECONDS) {
            throw ServiceError.unauthorized("PSYNC_S2104",
                    "Token must expire in a maximum of " + MAX_LIFETIME_SECONDS + " seconds", null);
        }
        if (audience != null && !hasAudience(claims.get("aud"))) {
            throw ServiceError.unauthorized("PSYNC_S2105", "Unexpected \"aud\" claim value", null);
        }
        return new Verified(sub.asString(), expiresAtMillis);
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isString()) {
            return audience.equals(aud.asString());
        }
        List<String> values = aud.isArray() ? aud.values().stream().map(v -> v.asString("")).toList() : List.of();
        return values.contains(audience);
    }

    private JsonNode decode(String part) {
        try {
            JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw invalid("Malformed JWT");
            }
            return node;
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid("Malformed JWT");
        }
    }

    private static ServiceError invalid(String details) {
        return ServiceError.unauthorized("PSYNC_S2101", "Authorization failed", details);
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
