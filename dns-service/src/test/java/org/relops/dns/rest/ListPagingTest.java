package org.relops.dns.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relops.testing.ListPaging;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The lists of the API in the shared envelope ({@code items}, {@code total}, {@code page}, {@code size}): a page is
 * the slice of the whole list in its order, and a size out of 1..1000 is refused with a problem.
 */
@QuarkusTest
class ListPagingTest {

    private static final String ZONE = "test.relops.example";

    @Test
    void shouldPageRecordsOfOneOwnerByData() {
        String alias = aliasWithTwoAddresses();

        JsonPath all = list("/v1/records", Map.of("owner", "alias:" + alias));

        assertThat(all.getLong("total"), equalTo(2L));
        assertThat(all.getList("items.data"), contains("10.0.0.91", "10.0.0.92"));
        assertPagesOf("/v1/records", Map.of("owner", "alias:" + alias));
    }

    @Test
    void shouldPageAllRecordsAndThoseOfOneType() {
        aliasWithTwoAddresses();

        assertPagesOf("/v1/records", Map.of());
        assertPagesOf("/v1/records", Map.of("type", "a"));
    }

    @Test
    void shouldPageTheRecordsAtOneNameAndStillNotFindANameWithout() {
        String alias = aliasWithTwoAddresses();

        JsonPath all = list("/v1/records/" + alias, Map.of());

        assertThat(all.getList("items.data"), contains("10.0.0.91", "10.0.0.92"));
        assertPagesOf("/v1/records/" + alias, Map.of());
        given().get("/v1/records/{name}", "none-" + alias).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldPageAliasesByName() {
        aliasWithTwoAddresses();
        aliasWithTwoAddresses();

        List<String> names = list("/v1/aliases", Map.of()).getList("items.name", String.class);

        assertThat(names, equalTo(names.stream().sorted().toList()));
        assertPagesOf("/v1/aliases", Map.of());
    }

    @Test
    void shouldPageServiceNamesByName() {
        List<String> names = list("/v1/service-names", Map.of()).getList("items.name", String.class);

        assertThat(names, equalTo(names.stream().sorted().toList()));
        assertPagesOf("/v1/service-names", Map.of());
    }

    @Test
    void shouldRefuseAPageSizeOutsideOneToAThousand() {
        for (String path : List.of("/v1/records", "/v1/records/slavealloc", "/v1/aliases", "/v1/service-names")) {
            ListPaging.assertRefusesBadPaging(path);
        }
    }

    /** The first two pages of one item are the list's first two items, each with the whole list's total. */
    private static void assertPagesOf(String path, Map<String, String> filters) {
        JsonPath all = list(path, filters);
        long total = all.getLong("total");
        List<Map<String, Object>> items = all.getList("items");
        assertThat(path + " has at least two items to page through", items.size(), greaterThanOrEqualTo(2));
        assertThat(items.size(), equalTo((int) Math.min(total, 1000)));
        assertThat(all.getInt("page"), equalTo(0));
        assertThat(all.getInt("size"), equalTo(1000));

        JsonPath first = page(path, filters, 0, 1);
        assertThat(first.getList("items"), contains(items.get(0)));
        assertThat(first.getLong("total"), equalTo(total));
        assertThat(first.getInt("size"), equalTo(1));

        JsonPath second = page(path, filters, 1, 1);
        assertThat(second.getList("items"), contains(items.get(1)));
        assertThat(second.getLong("total"), equalTo(total));
        assertThat(second.getInt("page"), equalTo(1));

        JsonPath pastTheEnd = page(path, filters, (int) total, 1);
        assertThat(pastTheEnd.getList("items"), empty());
        assertThat(pastTheEnd.getLong("total"), equalTo(total));
    }

    private static JsonPath list(String path, Map<String, String> filters) {
        return page(path, filters, 0, 1000);
    }

    private static JsonPath page(String path, Map<String, String> filters, int page, int size) {
        return request(filters).queryParam("page", page).queryParam("size", size).get(path).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    private static RequestSpecification request(Map<String, String> filters) {
        RequestSpecification request = given();
        filters.forEach(request::queryParam);
        return request;
    }

    /** A new alias with two address records, 10.0.0.91 and 10.0.0.92; its name. */
    private static String aliasWithTwoAddresses() {
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"addresses\": [\"10.0.0.92\", \"10.0.0.91\"]}")
                .put("/v1/aliases/{name}", name).then().statusCode(201)
                .body("fqdn", equalTo(name + "." + ZONE));
        return name;
    }
}
