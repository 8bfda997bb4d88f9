package org.relops.model.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A relops access token before it is signed: who it is for, its roles and, for a requester, the
 * application environments it may ask for machines in. {@link #sign} makes the compact JWT (RS256) the
 * services verify against their environment's issuer and public key.
 */
public record AccessToken(String issuer, String subject, List<String> roles, List<String> appEnvironments,
        Duration ttl) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public AccessToken {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a token needs an issuer and a subject");
        }
        roles = List.copyOf(roles);
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; one of " + String.join(", ", Roles.ALL));
            }
        }
        appEnvironments = appEnvironments == null ? List.of() : List.copyOf(appEnvironments);
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive");
        }
    }

    /** The signed compact token, valid from now for its lifetime. */
    public String sign(PrivateKey key) {
        return sign(key, Instant.now());
    }

    /** The signed compact token, issued at {@code issuedAt} (a token issued long ago is expired). */
    public String sign(PrivateKey key, Instant issuedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("groups", roles);
        if (!appEnvironments.isEmpty()) {
            claims.put(Roles.APP_ENVIRONMENTS_CLAIM, appEnvironments);
        }
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = encode(Map.of("alg", "RS256", "typ", "JWT")) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (an RSA private key is needed): " + e.getMessage(), e);
        }
    }

    private static String encode(Map<String, ?> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
