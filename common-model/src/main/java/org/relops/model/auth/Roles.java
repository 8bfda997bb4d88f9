package org.relops.model.auth;

import java.util.List;

/**
 * The roles a relops access token can carry (its {@code groups} claim), least privilege first. Each
 * service grants {@link #OPERATOR} everything {@link #REQUESTER} may do, and both everything a
 * {@link #VIEWER} may do.
 */
public final class Roles {

    /** Reads everything but secrets. */
    public static final String VIEWER = "viewer";
    /** Asks for machines and decommissions them, for the application environments its token names. */
    public static final String REQUESTER = "requester";
    /** Changes inventory, images, rollouts, DNS, slavealloc; consoles and dead-letter replay. */
    public static final String OPERATOR = "operator";

    /** Every role, least privilege first. */
    public static final List<String> ALL = List.of(VIEWER, REQUESTER, OPERATOR);

    /**
     * The claim that lists the application environments a requester may ask for machines in; absent or
     * empty means none (an operator is not limited by it).
     */
    public static final String APP_ENVIRONMENTS_CLAIM = "relops_app_environments";

    private Roles() {
    }

    /** The issuer of the tokens of one RelOps environment: a staging token is worthless in production. */
    public static String issuerOf(String relopsEnvironment) {
        return "relops:" + relopsEnvironment;
    }
}
