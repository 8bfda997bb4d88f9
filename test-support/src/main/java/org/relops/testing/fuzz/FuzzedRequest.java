package org.relops.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request: method, the raw (already encoded) path and query, headers, body, and what was done
 * to it ({@code variant}), so that a failure report says how to send it again.
 */
record FuzzedRequest(ApiOperation operation, String method, String target, Map<String, String> headers, byte[] body,
        String variant) {

    /** The request as a person reads it: method, target, content type, variant and the body's start. */
    String describe() {
        String start = body == null ? "(no body)" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                + (body.length > 300 ? "... (" + body.length + " bytes)" : "");
        return method + " " + shorten(target) + " [" + variant + "] headers=" + headers + " body=" + start;
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
