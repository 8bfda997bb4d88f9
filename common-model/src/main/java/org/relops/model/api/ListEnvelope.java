package org.relops.model.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a client reads the envelope every relops list answers with ({@code items}, {@code total}, {@code page},
 * {@code size}; docs/api.md, "Lists"): the query of a page, and whether another page follows.
 */
public final class ListEnvelope {

    private ListEnvelope() {
    }

    /** {@code path} (which may have a query of its own) asking for one page of {@code size}. */
    public static String pageOf(String path, int page, int size) {
        return path + (path.contains("?") ? "&" : "?") + "page=" + page + "&size=" + size;
    }

    /** The answer's items, or null when it is not the envelope. */
    public static JsonNode items(JsonNode answer) {
        JsonNode items = answer.path("items");
        return items.isArray() ? items : null;
    }

    /**
     * Whether a page follows {@code answer}, page {@code page} of a request for {@code askedSize}: by the size the
     * service answered with (one may serve smaller pages than asked for), while {@code (page + 1) * size < total}.
     */
    public static boolean hasNext(JsonNode answer, int page, int askedSize) {
        long size = Math.max(1, answer.path("size").asInt(askedSize));
        return !answer.path("items").isEmpty() && (page + 1) * size < answer.path("total").asLong();
    }
}
