package org.relops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.relops.model.auth.AccessToken;
import org.relops.model.auth.Roles;
import org.relops.model.auth.SigningKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints an access token signed with a RelOps environment's own signing key: for the local stack, where
 * that key lives in the state directory. A real environment's tokens come from its identity provider.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print an access token of a RelOps environment, signed with its key (the local stack's).")
public class TokenCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the token's role: ${COMPLETION-CANDIDATES}", completionCandidates = RoleNames.class)
    String role;

    @Option(names = "--app-environment", description = "an application environment a requester may ask for machines in "
            + "(repeat for more)")
    List<String> appEnvironments = new ArrayList<>();

    @Option(names = "--ttl", defaultValue = "8h", description = "how long the token is good for: 30m, 8h, 2d "
            + "(default: ${DEFAULT-VALUE})")
    String ttl;

    @Option(names = "--subject", defaultValue = "${USER:-operator}", description = "who the token is for; changes are "
            + "recorded under this name (default: $USER)")
    String subject;

    @Option(names = "--issuer", required = true, defaultValue = "${RELOPS_AUTH_ISSUER}",
            description = "the environment's issuer, relops:<environment> (default: $RELOPS_AUTH_ISSUER)")
    String issuer;

    @Option(names = "--signing-key", required = true, defaultValue = "${RELOPS_AUTH_SIGNING_KEY}",
            description = "the environment's signing key, a PKCS#8 PEM file (default: $RELOPS_AUTH_SIGNING_KEY)")
    Path signingKey;

    @Override
    public Integer call() {
        try {
            AccessToken token = new AccessToken(issuer, subject, List.of(role), appEnvironments, duration(ttl));
            System.out.println(token.sign(SigningKeys.readPrivate(signingKey)));
            return RequestCommand.OK;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("relops token: " + e.getMessage());
            return RequestCommand.REFUSED;
        }
    }

    private static Duration duration(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            return Duration.parse(value.endsWith("d") ? "P" + value.toUpperCase(java.util.Locale.ROOT)
                    : "PT" + value.toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl '" + text + "' is not a duration like 30m, 8h or 2d");
        }
    }

    /** The roles, for help and shell completion. */
    static final class RoleNames extends ArrayList<String> {
        RoleNames() {
            super(Roles.ALL);
        }
    }
}
