package org.relops.support.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The verified caller of the API call being served, for code that also runs outside one (event handlers,
 * timers): there it is nobody. The name is the token's subject, as changes and their events record it.
 */
@ApplicationScoped
public class CurrentCaller {

    @Inject
    CurrentIdentityAssociation identities;

    /** The caller's name, or empty outside an API call or for an anonymous one (a machine's own endpoint). */
    public Optional<String> name() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        SecurityIdentity identity;
        try {
            identity = identities.getIdentity();
        } catch (AuthenticationFailedException e) {
            // a bad token on an open endpoint (a machine's own): its caller is nobody, not an error
            return Optional.empty();
        }
        return identity == null || identity.isAnonymous() ? Optional.empty()
                : Optional.of(identity.getPrincipal().getName());
    }
}
