package org.relops.imaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.List;

import org.relops.testing.ListPaging;

import io.restassured.path.json.JsonPath;

/**
 * What every list operation does with {@code ?page} and {@code ?size} (docs/api.md, "Lists"), checked against the
 * whole list read in one page: the envelope, one item per page in the list's order, a page past the end, and a
 * problem for a size or page out of bounds.
 */
public final class ListPages {

    /** Long enough for machines that other tests' events still create to settle. */
    private static final Duration QUIET = Duration.ofSeconds(30);

    private ListPages() {
    }

    /** The whole list (up to the largest page) at {@code path}, checking its envelope. */
    public static JsonPath all(String path) {
        return given().queryParam("size", 1000).get(path).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(1000)).extract().jsonPath();
    }

    /**
     * Checks that {@code path}, a list of at least two items told apart by {@code key}, pages one item at a time in
     * the order of the whole list, with the same {@code total}, and refuses a bad size or page.
     */
    public static void assertPagesThrough(String path, String key) {
        // repeated until no other test's work changes the list between two reads
        await().atMost(QUIET).untilAsserted(() -> assertOneItemPerPage(path, key));
        given().get(path).then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(100));
        ListPaging.assertRefusesBadPaging(path);
    }

    private static void assertOneItemPerPage(String path, String key) {
        JsonPath whole = all(path);
        int total = whole.getInt("total");
        List<Object> keys = whole.getList("items." + key);
        assertThat("a list of two or more to page through", total, greaterThanOrEqualTo(2));
        assertThat("the whole list in one page", keys.size(), equalTo(Math.min(total, 1000)));
        given().queryParam("size", 1).get(path).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0]." + key, equalTo(keys.get(0)))
                .body("total", equalTo(total)).body("page", equalTo(0)).body("size", equalTo(1));
        given().queryParam("size", 1).queryParam("page", 1).get(path).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0]." + key, equalTo(keys.get(1)))
                .body("total", equalTo(total)).body("page", equalTo(1));
        given().queryParam("size", 1).queryParam("page", total).get(path).then().statusCode(200)
                .body("items.size()", equalTo(0)).body("total", equalTo(total));
    }
}
