package org.relops.testing.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.relops.model.auth.AccessToken;
import org.relops.model.auth.Roles;
import org.relops.model.auth.SigningKeys;

/**
 * Tokens of the tests' RelOps environment ({@value #ISSUER}, signed with test-support's test key, which
 * every service verifies in its {@code test} profile), and the bad ones a service must refuse: from
 * another environment, forged with another key, expired.
 */
public final class TestTokens {

    public static final String ISSUER = "relops:test";
    /** Another RelOps environment's issuer: its tokens are worthless here. */
    public static final String OTHER_ISSUER = "relops:elsewhere";
    private static final Duration TTL = Duration.ofHours(2);
    private static final PrivateKey KEY = key("signing-key.pem");
    private static final PrivateKey FOREIGN_KEY = key("foreign-signing-key.pem");
    private static final String OPERATOR = of(Roles.OPERATOR);

    private TestTokens() {
    }

    /** A token with every right: the default of every test request. */
    public static String operator() {
        return OPERATOR;
    }

    /** A token with one role, for the subject {@code test-<role>}. */
    public static String of(String role) {
        return new AccessToken(ISSUER, "test-" + role, List.of(role), List.of(), TTL).sign(KEY);
    }

    /** A requester's token for some application environments. */
    public static String requester(String subject, String... appEnvironments) {
        return new AccessToken(ISSUER, subject, List.of(Roles.REQUESTER), List.of(appEnvironments), TTL).sign(KEY);
    }

    /** A token for a subject with roles, signed with the tests' key. */
    public static String forSubject(String subject, String... roles) {
        return new AccessToken(ISSUER, subject, List.of(roles), List.of(), TTL).sign(KEY);
    }

    /** A good token of another RelOps environment. */
    public static String ofOtherEnvironment(String role) {
        return new AccessToken(OTHER_ISSUER, "test-" + role, List.of(role), List.of(), TTL).sign(KEY);
    }

    /** A token that claims this environment's issuer but is signed with a key not its own. */
    public static String forged(String role) {
        return new AccessToken(ISSUER, "test-" + role, List.of(role), List.of(), TTL).sign(FOREIGN_KEY);
    }

    /** A token of this environment that expired an hour ago. */
    public static String expired(String role) {
        return new AccessToken(ISSUER, "test-" + role, List.of(role), List.of(), Duration.ofHours(1))
                .sign(KEY, Instant.now().minus(Duration.ofHours(2)));
    }

    private static PrivateKey key(String name) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/relops-test-auth/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test-support has no /relops-test-auth/" + name);
            }
            Path file = Files.createTempFile("relops-test-key", ".pem");
            try {
                Files.write(file, in.readAllBytes());
                return SigningKeys.readPrivate(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
