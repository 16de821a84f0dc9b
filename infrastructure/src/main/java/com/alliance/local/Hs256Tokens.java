package com.alliance.local;

import com.alliance.auth.Role;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks HS256 JWTs for the local runtime, doing what API Gateway's JWT authorizer does
 * in AWS: signature, algorithm (only HS256; {@code alg: none} is refused), issuer, audience, expiry.
 */
public final class Hs256Tokens {

    public static final String ISSUER = "alliance-local";
    public static final String AUDIENCE = "alliance-api";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;
    private final Clock clock;
    private final Duration lifetime;

    public Hs256Tokens(String secret, Clock clock, Duration lifetime) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A token for {@code party} acting as {@code role}; the subject names the person behind it. */
    public String mint(Role role, String party, String subject) {
        ObjectNode header = Json.object().put("alg", "HS256").put("typ", "JWT");
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.object().put("sub", subject).put("role", role.claim()).put("party", party)
                .put("iss", ISSUER).put("aud", AUDIENCE).put("iat", now).put("exp", now + lifetime.toSeconds());
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(claims));
        return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
    }

    /** The claims of a valid token, as the authorizer hands them to the function; empty if not valid. */
    public Optional<Map<String, String>> verify(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            JsonNode header = Json.MAPPER.readTree(DECODER.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = Json.MAPPER.readTree(DECODER.decode(parts[1]));
            boolean current = claims.path("exp").canConvertToLong()
                    && claims.path("exp").asLong() > clock.instant().getEpochSecond();
            if (!current || !ISSUER.equals(claims.path("iss").asText()) || !AUDIENCE.equals(claims.path("aud").asText())) {
                return Optional.empty();
            }
            Map<String, String> flat = new HashMap<>();
            claims.fields().forEachRemaining(e -> flat.put(e.getKey(), e.getValue().asText()));
            return Optional.of(flat);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
