package org.relops.e2e;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/**
 * Reads a list operation of the services as a client does: the envelope ({@code items}, {@code total}, {@code page},
 * {@code size}) page by page, the next one while {@code (page + 1) * size < total}.
 */
final class ApiLists {

    /** The largest page a list operation answers. */
    static final int PAGE_SIZE = 1000;

    private ApiLists() {
    }

    /** Every item of the list at {@code url} (which may have a query), in the list's order. */
    static List<Map<String, Object>> all(String url) {
        List<Map<String, Object>> items = new ArrayList<>();
        String separator = url.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonPath answer = given().get(url + separator + "page=" + page + "&size=" + PAGE_SIZE).then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> batch = answer.getList("items");
            items.addAll(batch);
            long size = Math.max(1, answer.getInt("size"));
            if (batch.isEmpty() || (page + 1) * size >= answer.getLong("total")) {
                return items;
            }
        }
    }

    /** How many items the list at {@code url} holds (its {@code total}), reading one item of it. */
    static long total(String url) {
        return given().get(url + (url.contains("?") ? "&" : "?") + "size=1").then().statusCode(200).extract()
                .jsonPath().getLong("total");
    }
}
