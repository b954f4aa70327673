package dev.hexsync.emulator;

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
 * Issues and checks HS256 tokens the way the service's key store does, with its error codes and texts: the
 * key id (when the key has one), the signature, the required claims {@code sub}/{@code iat}/{@code exp},
 * {@code nbf} and {@code exp} with 60 s clock tolerance, a lifetime of at most a day, and the audience when one
 * is configured.
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
    private final String keyId;
    private final JsonMapper mapper;

    /**
     * @param audience the {@code aud} tokens must carry, or null for none
     * @param keyId the key's {@code kid}, or null for a key without one (which takes tokens with any kid)
     */
    JwtKeys(byte[] secret, String audience, String keyId, JsonMapper mapper) {
        this.secret = secret.clone();
        this.audience = audience;
        this.keyId = keyId;
        this.mapper = mapper;
    }

    String issue(String userId, long issuedAtSeconds, long expiresAtSeconds) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
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
        JsonNode header = parts.length == 3 ? decode(parts[0]) : null;
        JsonNode claims = parts.length == 3 ? decode(parts[1]) : null;
        if (header == null || claims == null) {
            throw invalid("Token is not a well-formed JWT. Check the token format.");
        }
        String algorithm = header.path("alg").asString("");
        if (algorithm.equals("none")) {
            throw invalid("\"alg\" (Algorithm) Header Parameter not allowed");
        }
        JsonNode kid = header.get("kid");
        boolean keyMatches = keyId == null ? kid == null || kid.isString() : kid != null && keyId.equals(kid.asString(""));
        if (!algorithm.equals("HS256") || !keyMatches) {
            throw invalid("Could not find an appropriate key in the keystore. The key is missing or no key matched"
                    + " the token KID");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid("signature verification failed");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw invalid("signature verification failed");
        }
        for (String claim : List.of("sub", "iat", "exp")) {
            if (claims.get(claim) == null || claims.get(claim).isNull()) {
                throw invalid("JWT payload is missing a required claim \"" + claim + "\"");
            }
        }
        JsonNode nbf = claims.get("nbf");
        double now = nowMillis / 1000.0;
        if (nbf != null && nbf.isNumber() && nbf.asDouble() > now + CLOCK_TOLERANCE_SECONDS) {
            // The service words every failed time claim but exp this way.
            throw invalid("JWT payload is missing a required claim \"nbf\"");
        }
        double exp = claims.get("exp").asDouble();
        double iat = claims.get("iat").asDouble();
        if (now > exp + CLOCK_TOLERANCE_SECONDS) {
            throw ServiceError.unauthorized("PSYNC_S2103", "JWT has expired", null);
        }
        if (exp - iat > MAX_LIFETIME_SECONDS) {
            throw ServiceError.unauthorized("PSYNC_S2104", "Token must expire in a maximum of " + MAX_LIFETIME_SECONDS
                    + " seconds, got " + numberText(exp - iat) + "s", null);
        }
        if (audience != null) {
            JsonNode aud = claims.get("aud");
            if (aud == null) {
                throw ServiceError.unauthorized("PSYNC_S2105", "JWT payload is missing a required claim \"aud\"", null);
            }
            if (!hasAudience(aud)) {
                throw ServiceError.unauthorized("PSYNC_S2105", "Unexpected \"aud\" claim value: " + aud, null);
            }
        }
        JsonNode sub = claims.get("sub");
        // A numeric sub is accepted and used as its decimal text.
        return new Verified(sub.isString() ? sub.asString() : sub.toString(), (long) (exp * 1000));
    }

    private static String numberText(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud.isString()) {
            return audience.equals(aud.asString());
        }
        List<String> values = aud.isArray() ? aud.values().stream().map(v -> v.asString("")).toList() : List.of();
        return values.contains(audience);
    }

    private JsonNode decode(String part) {
        try {
            JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(part));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }

    private static ServiceError invalid(String description) {
        return ServiceError.unauthorized("PSYNC_S2101", description, null);
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
