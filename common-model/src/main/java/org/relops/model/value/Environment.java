package org.relops.model.value;

import java.util.regex.Pattern;

/**
 * A RelOps environment ({@code relops-staging}) and its DNS domain ({@code staging.relops.example}).
 * Application environments (buildbot's {@code production}, {@code staging}) live inside one.
 */
public record Environment(String name, String domain) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Environment {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("environment name '" + name + "' is not a lower-case label");
        }
        if (domain == null || domain.isBlank() || domain.startsWith(".") || domain.endsWith(".")) {
            throw new IllegalArgumentException("environment domain '" + domain + "' is not a domain name");
        }
    }

    /** The fully qualified name of a host in this environment. */
    public String qualify(Hostname hostname) {
        return hostname.value() + "." + domain;
    }
}
