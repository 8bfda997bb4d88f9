package org.relops.model.value;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An unqualified hostname (one DNS label, RFC 1123): {@code bld-linux64-0001}, never an FQDN.
 * Stored lower-case.
 */
public record Hostname(String value) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public Hostname {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("hostname is empty");
        }
        value = value.toLowerCase(Locale.ROOT);
        if (value.contains(".")) {
            throw new IllegalArgumentException("hostname '" + value + "' is qualified; give the unqualified name");
        }
        if (!LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("hostname '" + value
                    + "' is not a DNS label (letters, digits and inner hyphens, at most 63)");
        }
    }

    public static boolean isValid(String value) {
        try {
            new Hostname(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
