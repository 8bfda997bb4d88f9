package org.relops.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem-details body: what went wrong, for a person to read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** How much of a detail is kept: a refused value is quoted in it, and a huge one must not come back whole. */
    static final int MAX_DETAIL = 1000;

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, shortened(detail));
    }

    private static String shortened(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL) + "... (" + detail.length() + " characters in all)";
    }
}
