package org.relops.request.rest;

import java.util.regex.Pattern;

/**
 * An image version as the API shows it: a number. The version is stored as the text it came in (a request's
 * {@code name:3}, an event's version), so a version that is not a number ({@code latest}, the newest) shows as null,
 * as an unpinned request's does.
 */
final class ImageVersionNumber {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    private ImageVersionNumber() {
    }

    /** The version as a number; null when there is none or it is not a whole number. */
    static Integer of(String stored) {
        if (stored == null || !NUMBER.matcher(stored.strip()).matches()) {
            return null;
        }
        return Integer.valueOf(stored.strip());
    }
}
