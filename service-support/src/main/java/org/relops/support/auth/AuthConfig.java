package org.relops.support.auth;

import io.smallrye.config.ConfigMapping;

/**
 * Whose tokens a service accepts: those of its RelOps environment's issuer, verified with the
 * environment's public key. Both are required, so that a service never starts open.
 */
@ConfigMapping(prefix = "relops.auth")
public interface AuthConfig {

    /** The environment's token issuer, {@code relops:<environment>} (e.g. {@code relops:production}). */
    String issuer();

    /** Where the environment's public key is: a PEM file, a classpath resource or a JWKS URL. */
    String verifyKey();
}
