package org.relops.model.value;

import java.util.regex.Pattern;

/**
 * An image name and, optionally, a pinned version: {@code releng-talos-linux64} (the newest
 * version) or {@code releng-talos-linux64:3}.
 */
public record ImageRef(String name, String version) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    public ImageRef {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("image name '" + name
                    + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        if (version != null && version.isBlank()) {
            version = null;
        }
    }

    /** Parses {@code name} or {@code name:version}. */
    public static ImageRef parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("image is missing");
        }
        int colon = text.indexOf(':');
        return colon < 0 ? new ImageRef(text, null) : new ImageRef(text.substring(0, colon), text.substring(colon + 1));
    }

    public boolean isLatest() {
        return version == null;
    }

    @Override
    public String toString() {
        return version == null ? name : name + ":" + version;
    }
}
