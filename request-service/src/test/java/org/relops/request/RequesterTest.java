package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.relops.testing.auth.OperatorTokenByDefault.as;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.eclipse.microprofile.config.ConfigProvider;
import org.relops.model.Bus;
import org.relops.model.auth.Roles;
import org.relops.model.event.RequestRejected;
import org.relops.testing.auth.TestTokens;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A request says how it came and, where the channel vouches for it, who asked: on the real broker, an intake
 * command's {@code user-id} (which RabbitMQ checks against the publisher's connection) is recorded, and a command
 * that claims somebody else is refused by the broker before relops sees it; over REST, the verified token's subject,
 * and a requester only in the application environments its token names.
 */
@QuarkusTest
class RequesterTest extends WithBusProbe {

    private static final String BODY = "{\"image\":\"" + RequestFixtures.IMAGE + "\",\"count\":1,"
            + "\"appEnvironment\":\"production\"}";

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
                .statusCode(200).body("requestedBy", not(nullValue())));
        given().get("/v1/requests/" + id).then().statusCode(404);
    }

    @Test
    void shouldDeadLetterACommandThatDoesNotSayWhoPublishedIt() {
        String id = "anonymous-" + UUID.randomUUID();

        bus.publishAnonymously("", Bus.REQUEST_INTAKE_QUEUE, command(id).getBytes(StandardCharsets.UTF_8));

        bus.awaitDeadLetter("request-service", letter -> letter.reason().contains("carries no user-id")
                && new String(letter.body(), StandardCharsets.UTF_8).contains(id));
        bus.awaitEvent(RequestRejected.class, event -> event.requestId().equals(id)
                && event.reason().contains("requester role"));
        given().get("/v1/requests/" + id).then().statusCode(404);
    }

    @Test
    void shouldRecordTheSubjectOfTheTokenARestRequestCameWith() {
        String id = as(TestTokens.requester("release-engineer-ada", "production")).contentType(ContentType.JSON)
                .body(BODY).post("/v1/requests").then().statusCode(202).extract().path("id");

        given().get("/v1/requests/" + id).then().statusCode(200).body("requestedVia", equalTo("rest"))
                .body("requestedBy", equalTo("release-engineer-ada"));
    }

    @Test
    void shouldRefuseARequesterMachinesOutsideItsApplicationEnvironments() {
        as(TestTokens.requester("staging-bot", "staging")).contentType(ContentType.JSON).body(BODY)
                .post("/v1/requests").then().statusCode(403)
                .body("detail", containsString("application environment 'production'"))
                .body("detail", containsString("staging"));
        as(TestTokens.requester("nobody-in-particular")).contentType(ContentType.JSON).body(BODY)
                .post("/v1/requests").then().statusCode(403).body("detail", containsString("names none"));
    }

    @Test
    void shouldLetOnlyARequesterOfItsApplicationEnvironmentDecommissionARequest() {
        String id = RequestFixtures.submit(RequestFixtures.IMAGE, 1);

        as(TestTokens.requester("staging-bot", "staging")).delete("/v1/requests/" + id).then().statusCode(403);
        given().get("/v1/requests/" + id).then().body("state", not(equalTo("decommissioning")));
        as(TestTokens.of(Roles.VIEWER)).delete("/v1/requests/" + id).then().statusCode(403);
        as(TestTokens.requester("production-bot", "production")).delete("/v1/requests/" + id).then().statusCode(202);
    }
}
