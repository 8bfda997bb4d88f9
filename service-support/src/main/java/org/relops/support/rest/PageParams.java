package org.relops.support.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The page a list operation is asked for, the same on every list of every service: {@code ?page} (from 0) and
 * {@code ?size} (1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}). Taken as a {@code @BeanParam}.
 */
public class PageParams {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    @QueryParam("page")
    @DefaultValue("0")
    @Parameter(description = "which page, from 0")
    String page;

    @QueryParam("size")
    @DefaultValue("" + DEFAULT_SIZE)
    @Parameter(description = "items per page, 1 to " + MAX_SIZE)
    String size;

    public PageParams() {
    }

    private PageParams(int page, int size) {
        this.page = Integer.toString(page);
        this.size = Integer.toString(size);
    }

    /** A page asked for in code (a first page of everything up to {@code size}, for instance). */
    public static PageParams of(int page, int size) {
        PageParams params = new PageParams(page, size);
        params.page();
        params.size();
        return params;
    }

    /** The page number, or a 400 that says what is allowed. */
    public int page() {
        int value = number("page", page, 0);
        if (value < 0) {
            throw ProblemException.badRequest("page must be 0 or more, not " + value);
        }
        return value;
    }

    /** The page size, or a 400 that says what is allowed. */
    public int size() {
        int value = number("size", size, DEFAULT_SIZE);
        if (value < 1 || value > MAX_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_SIZE + ", not " + value);
        }
        return value;
    }

    /** The index of the page's first item in the whole list. */
    public long offset() {
        return (long) page() * size();
    }

    private static int number(String name, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number, not '" + text + "'");
        }
    }
}
