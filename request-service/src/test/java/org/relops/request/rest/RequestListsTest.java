package org.relops.request.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.testing.ListPaging;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.request.service.RunawayGuard;
import org.relops.testing.WithBusProbe;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * request-service's lists in the one envelope ({@code items}, {@code total}, {@code page}, {@code size}), a page at a
 * time in a stable order, and an image version shown as a number.
 */
@QuarkusTest
class RequestListsTest extends WithBusProbe {

    private static final String IMAGE = "releng-talos-linux64";

    @Inject
    RunawayGuard guard;

    @Test
    void shouldListRequestsNewestFirstAPageAtATime() {
        String first = submit(IMAGE);
        String second = submit(IMAGE);
        String third = submit(IMAGE);

        int total = given().get("/v1/requests").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(100)).extract().path("total");
        given().get("/v1/requests?size=1").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(third))
                .body("total", equalTo(total)).body("page", equalTo(0)).body("size", equalTo(1));
        given().get("/v1/requests?size=1&page=1").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(second)).body("page", equalTo(1));
        given().get("/v1/requests?size=2&page=1").then().statusCode(200)
                .body("items[0].id", equalTo(first)).body("total", equalTo(total));
        given().get("/v1/requests?size=1&page=" + total).then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(total));
    }

    @Test
    void shouldFilterRequestsByAStateGivenInAnyCaseAndWriteItLowerCase() {
        String id = submit(IMAGE);
        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id));
        bus.publish(new RequestUnplaceable(id, "no system free"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(given().get("/v1/requests/" + id)
                .then().extract().path("state")));

        for (String state : List.of("FAILED", "failed", "Failed")) {
            given().queryParam("state", state).queryParam("size", 1000).get("/v1/requests").then().statusCode(200)
                    .body("items.id", hasItem(id)).body("items.state", everyItem(equalTo("failed")));
        }
        given().get("/v1/requests?state=sleeping").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("state has an invalid value 'sleeping'; allowed: submitted, placing, "
                        + "provisioning, fulfilled, failed, decommissioning, decommissioned"));
    }

    @Test
    void shouldShowAnImageVersionAsANumberAndTheNewestAsNull() {
        given().get("/v1/requests/" + submit(IMAGE + ":7")).then().body("imageVersion", equalTo(7));
        given().get("/v1/requests/" + submit(IMAGE + ":latest")).then().body("imageVersion", nullValue());
        given().get("/v1/requests/" + submit(IMAGE)).then().body("imageVersion", nullValue())
                .body("constraints.spread", equalTo("none"));
    }

    @Test
    void shouldListImageHealthByImageThenVersionAPageAtATime() {
        String image = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> List.of("latest", "10", "9")
                .forEach(version -> guard.recordBoot(image, version)));

        given().get("/v1/image-health?size=1000").then().statusCode(200)
                .body("items.findAll { it.image == '" + image + "' }.imageVersion", contains(9, 10, null));
        List<String> all = given().get("/v1/image-health?size=1000").then().extract().path("items.image");
        int total = given().get("/v1/image-health").then().extract().path("total");
        assertEquals(all.size(), total);
        for (int page = 0; page < 2; page++) {
            given().get("/v1/image-health?size=1&page=" + page).then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].image", equalTo(all.get(page)))
                    .body("total", equalTo(total)).body("page", equalTo(page)).body("size", equalTo(1));
        }
    }

    @Test
    void shouldRefuseAPageSizeOrPageOutOfRangeWithAProblem() {
        for (String list : List.of("/v1/requests", "/v1/image-health")) {
            ListPaging.assertRefusesBadPaging(list);
        }
    }

    private static String submit(String image) {
        return given().contentType(ContentType.JSON)
                .body("{\"image\":\"" + image + "\",\"count\":1,\"appEnvironment\":\"production\"}")
                .post("/v1/requests").then().statusCode(202).body("state", equalTo("submitted"))
                .extract().path("id");
    }
}
