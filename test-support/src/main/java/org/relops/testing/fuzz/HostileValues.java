package org.relops.testing.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Values a well-behaved client would never send: wrong types, huge numbers and strings, unicode and control
 * characters, path traversal, injection attempts, empty strings. Everything is drawn from one seeded random.
 */
final class HostileValues {

    /** Long enough to be hostile, short enough to fit the HTTP request line and header limits. */
    static final int LONG_IN_URL = 2_000;
    /** Long enough to be hostile in a body, far below the HTTP body limit. */
    static final int LONG_IN_BODY = 200_000;

    private static final List<String> FIXED = List.of(
            "", " ", "\t", "0", "-1", "-0", "1.5", "1e309", "-1e309", "NaN", "Infinity", "0x1F",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999",
            "true", "false", "null", "undefined", "[]", "{}", "{", "\"", "'", "\\", "%", "%00", "%zz",
            "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "..", ".", "./", "//", "a/b", "a\\b",
            "' OR '1'='1", "'; DROP TABLE inbox_message; --", "%s%s%s%n", "${jndi:ldap://x}", "#{1+1}",
            "<script>alert(1)</script>", "a\r\nX-Injected: yes", "a\u0000b", "\u0000",
            "\u202Eevil\u202C", "e\u0301\u0301\u0301", "\uD83D\uDE00\uD83D\uDCA5", "\uFEFFbom", "ｆｕｌｌｗｉｄｔｈ",
            "日本語のホスト", "ΑΒΓ", "مرحبا", "\u00A0", "A:B:C:D:E:F", "52:54:00:00:00:00", "00-00-00-00-00-00",
            "10.0.0.1", "999.999.999.999", "::1", "sha256:", "sha256:../../x", "latest", "0000", "*", "?", "#",
            "releng-talos-linux64:../1", "UPPER-CASE", "-leading-hyphen", "trailing-hyphen-", "a..b", "a b");

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    /** A hostile value for a URL part (path segment, query value, header). */
    String forUrl() {
        return pick(LONG_IN_URL);
    }

    /** A hostile string value inside a request body. */
    String forBody() {
        return pick(LONG_IN_BODY);
    }

    private String pick(int longest) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return FIXED.get(random.nextInt(FIXED.size()));
        }
        if (kind == 6) {
            return "x".repeat(1 + random.nextInt(longest));
        }
        if (kind == 7) {
            return randomUnicode(1 + random.nextInt(64));
        }
        if (kind == 8) {
            return Long.toString(random.nextLong());
        }
        return FIXED.get(random.nextInt(FIXED.size())) + FIXED.get(random.nextInt(FIXED.size()));
    }

    /** Code points from the whole range, control characters and unassigned ones included (no lone surrogates). */
    String randomUnicode(int length) {
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(Character.MAX_CODE_POINT);
            if (!Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** A number no field expects: huge, negative, fractional, beyond a long or a double. */
    String hugeNumber() {
        List<String> numbers = List.of("1e400", "-1e400", "123456789012345678901234567890", "-9223372036854775809",
                "9223372036854775807", "2147483648", "-2147483649", "0.000000000000000000000000001", "-0", "1E-400",
                "3.4028235E39", "1" + "0".repeat(5_000));
        return numbers.get(random.nextInt(numbers.size()));
    }

    Random random() {
        return random;
    }
}
