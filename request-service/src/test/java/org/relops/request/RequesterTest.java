package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relops.model.Bus;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A request says how it came and, where the channel vouches for it, who asked: on the real broker, an intake
 * command's {@code user-id} (which RabbitMQ checks against the publisher's connection) is recorded, and a command
 * that claims somebody else is refused by the broker before relops sees it.
 */
@QuarkusTest
class RequesterTest extends WithBusProbe {

    private static String command(String id) {
        return "{\"requestId\":\"" + id + "\",\"image\":\"" + RequestFixtures.IMAGE + "\",\"count\":1,"
                + "\"appEnvironment\":\"production\"}";
    }

    @Test
    void shouldRecordThePublisherTheBrokerVouchedFor() {
        String id = "vouched-" + UUID.randomUUID();
        String user = ConfigProvider.getConfig().getValue("relops.bus.username", String.class);

        bus.publishAs(user, "", Bus.REQUEST_INTAKE_QUEUE, command(id).getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/requests/" + id).then()
                .statusCode(200).body("requestedVia", equalTo("amqp")).body("requestedBy", equalTo(user)));
    }

    @Test
    void shouldNeverSeeACommandThatClaimsAnotherPublisher() {
        String id = "forged-" + UUID.randomUUID();

        assertThrows(RuntimeException.class, () -> bus.publishAs("buildbot-production", "",
                Bus.REQUEST_INTAKE_QUEUE, command(id).getBytes(StandardCharsets.UTF_8)));

        String fine = "after-" + UUID.randomUUID();
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, command(fine).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/requests/" + fine).then()
                .statusCode(200).body("requestedBy", nullValue()));
        given().get("/v1/requests/" + id).then().statusCode(404);
    }

    @Test
    void shouldSayARestRequestCameOverRestWithNobodyVouchedFor() {
        String id = RequestFixtures.submit(RequestFixtures.IMAGE, 1);

        given().get("/v1/requests/" + id).then().statusCode(200).body("requestedVia", equalTo("rest"))
                .body("requestedBy", nullValue());
    }
}
