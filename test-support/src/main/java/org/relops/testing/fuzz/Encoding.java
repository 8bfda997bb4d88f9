package org.relops.testing.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for the parts of a request a fuzzer fills in. */
final class Encoding {

    private Encoding() {
    }

    /** A path segment: everything but RFC 3986's unreserved characters is encoded, {@code /} included. */
    static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    /** A query or form name or value. */
    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Whether a value may go into a URL unencoded (so that {@code ../} reaches the server as written). */
    static boolean safeRaw(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c)
                || "-._~/".indexOf(c) >= 0));
    }

    /** A header value HTTP can carry: printable ASCII only. */
    static String headerValue(String value) {
        StringBuilder kept = new StringBuilder();
        value.chars().filter(c -> c >= 0x20 && c < 0x7F).forEach(c -> kept.append((char) c));
        return kept.toString();
    }
}
