package org.relops.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

/**
 * What every list operation of every service answers to a page or size out of bounds (docs/api.md, "Lists"): a 400
 * problem that says what is allowed. Through RestAssured's defaults, as the service's own tests call it.
 */
public final class ListPaging {

    private static final Map<String, String> REFUSALS = Map.of(
            "size=0", "size must be between 1 and 1000, not 0",
            "size=1001", "size must be between 1 and 1000, not 1001",
            "size=x", "size must be a whole number, not 'x'",
            "page=-1", "page must be 0 or more, not -1");

    private ListPaging() {
    }

    /** Checks that the list at {@code path} (no query) refuses each bad page or size with its problem. */
    public static void assertRefusesBadPaging(String path) {
        REFUSALS.forEach((query, detail) -> given().get(path + "?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", equalTo(detail)));
    }
}
