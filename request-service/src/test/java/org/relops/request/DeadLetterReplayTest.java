package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.request.RequestFixtures.IMAGE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relops.model.Bus;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The dead-letter queue as an operator handles it, over the service's REST API on the real broker: a message
 * that could not be handled is listed with its reason and stays in the queue; once its cause is fixed, a replay
 * puts it back into the queue it came from, where it is handled.
 */
@QuarkusTest
class DeadLetterReplayTest extends WithBusProbe {

    @Test
    void shouldListADeadLetteredMessageWithItsReasonAndLeaveItInTheQueue() {
        String marker = "broken-" + UUID.randomUUID();

        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, ("{\"image\": \"" + marker).getBytes(StandardCharsets.UTF_8));

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(() -> letterWith(marker),
                found -> found != null);
        assertEquals(Bus.REQUEST_INTAKE_QUEUE, letter.get("fromQueue"));
        assertTrue(String.valueOf(letter.get("reason")).startsWith("not a provisioning command"),
                "the reason says what was wrong: " + letter);
        assertTrue(letterWith(marker) != null, "looking at a dead letter leaves it in the queue");
    }

    @Test
    void shouldReplayADeadLetterIntoItsOwnQueueWhereItIsHandled() {
        String id = "replayed-" + UUID.randomUUID();
        String command = "{\"requestId\":\"" + id + "\",\"image\":\"" + IMAGE + "\",\"count\":1,"
                + "\"appEnvironment\":\"production\"}";
        // as the consumer leaves a message whose handling failed for a cause since fixed
        bus.publishRaw("", Bus.deadLetterQueue("request-service"), command.getBytes(StandardCharsets.UTF_8),
                Map.of(Bus.DEAD_LETTER_REASON_HEADER, "failed 5 times, last: placement was down",
                        Bus.DEAD_LETTER_QUEUE_HEADER, Bus.REQUEST_INTAKE_QUEUE, Bus.ATTEMPTS_HEADER, 5));
        given().get("/v1/requests/" + id).then().statusCode(404);

        List<Map<String, Object>> replayed = given().post("/v1/dead-letters/replay?limit=1000").then().statusCode(200)
                .body("size", equalTo(1000)).extract().jsonPath().getList("items");

        assertTrue(replayed.stream().anyMatch(letter -> String.valueOf(letter.get("body")).contains(id)), replayed
                .toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/requests/" + id).then()
                .statusCode(200).body("id", equalTo(id)));
        assertEquals(null, letterWith(id), "a replayed message leaves the dead-letter queue");
    }

    @Test
    void shouldRefuseAPageSizeOrALimitOutsideItsRange() {
        given().get("/v1/dead-letters?size=0").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("size must be between 1 and 1000"));
        given().post("/v1/dead-letters/replay?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("limit must be between 1 and 1000"));
    }

    private static Map<String, Object> letterWith(String marker) {
        List<Map<String, Object>> letters = given().get("/v1/dead-letters?size=1000").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return letters.stream().filter(letter -> String.valueOf(letter.get("body")).contains(marker)).findFirst()
                .orElse(null);
    }
}
