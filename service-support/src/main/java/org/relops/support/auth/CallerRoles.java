package org.relops.support.auth;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.relops.model.auth.Roles;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as the verified token says: the name a change is recorded under, and the checks
 * an operation makes beyond its role (a requester only for the application environments its token
 * names).
 */
@RequestScoped
public class CallerRoles {

    static final String REFUSAL = "this token may not";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** The caller's name (the token's subject), or empty for an anonymous call. */
    public Optional<String> name() {
        return identity.isAnonymous() ? Optional.empty() : Optional.of(identity.getPrincipal().getName());
    }

    /** The application environments the token names for a requester. */
    public List<String> appEnvironments() {
        Object claim = token.getClaim(Roles.APP_ENVIRONMENTS_CLAIM);
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(CallerRoles::unquoted).toList();
        }
        return claim == null ? List.of() : List.of(unquoted(claim));
    }

    /**
     * Refuses (403) a caller who is no operator and whose token does not name {@code appEnvironment}:
     * a requester asks for and decommissions machines only in its own application environments.
     */
    public void requireAppEnvironment(String appEnvironment, String action) {
        if (identity.hasRole(Roles.OPERATOR)) {
            return;
        }
        List<String> allowed = appEnvironments();
        if (!allowed.contains(appEnvironment)) {
            throw new ForbiddenException(REFUSAL + " " + action + " in application environment '" + appEnvironment
                    + "'; it names " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
                    + " (claim " + Roles.APP_ENVIRONMENTS_CLAIM + ")");
        }
    }

    private static String unquoted(Object value) {
        // JSON-P string values print with their quotes
        String text = String.valueOf(value);
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
