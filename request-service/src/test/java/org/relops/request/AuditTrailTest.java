package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relops.testing.auth.OperatorTokenByDefault.as;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.relops.model.Bus;
import org.relops.model.auth.Roles;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.RequestSubmitted;
import org.relops.testing.WithBusProbe;
import org.relops.testing.auth.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every change says who: a request's audit trail names the requester who created it and the operator who
 * decommissioned it, from their verified tokens, and the events each change causes carry the same name as their
 * {@code actor}; over the intake, the actor is the publisher's broker user.
 */
@QuarkusTest
class AuditTrailTest extends WithBusProbe {

    private static final String BODY = "{\"image\":\"" + RequestFixtures.IMAGE + "\",\"count\":1,"
            + "\"appEnvironment\":\"production\"}";

    @Test
    void shouldRecordWhoCreatedAndWhoDecommissionedARequestInItsTrailAndItsEvents() {
        String id = as(TestTokens.requester("release-engineer-ada", "production")).contentType(ContentType.JSON)
                .body(BODY).post("/v1/requests").then().statusCode(202).extract().path("id");
        CloudEvent submitted = bus.awaitEnvelope(RequestSubmitted.class, event -> event.requestId().equals(id));
        assertEquals("release-engineer-ada", submitted.actor());

        as(TestTokens.forSubject("operator-olga", Roles.OPERATOR)).queryParam("wipe", true)
                .delete("/v1/requests/" + id).then().statusCode(202);
        CloudEvent decommission = bus.awaitEnvelope(DecommissionRequested.class,
                event -> event.requestId().equals(id));
        assertEquals("operator-olga", decommission.actor());

        given().queryParam("subject", "request/" + id).get("/v1/audit").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.actor", contains("operator-olga", "release-engineer-ada"))
                .body("items.action", contains("decommissioned", "created"))
                .body("items[1].detail", equalTo("1 × " + RequestFixtures.IMAGE + " for production, via rest"));
        given().queryParam("actor", "operator-olga").get("/v1/audit").then().statusCode(200)
                .body("items.subject", contains("request/" + id));
    }

    @Test
    void shouldNameTheIntakePublisherAsTheActor() {
        String id = "audited-" + UUID.randomUUID();
        String user = ConfigProvider.getConfig().getValue("relops.bus.username", String.class);

        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, ("{\"requestId\":\"" + id + "\",\"image\":\""
                + RequestFixtures.IMAGE + "\",\"count\":1,\"appEnvironment\":\"production\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(user, bus.awaitEnvelope(RequestSubmitted.class, event -> event.requestId().equals(id)).actor());
        given().queryParam("subject", "request/" + id).get("/v1/audit").then().statusCode(200)
                .body("items[0].actor", equalTo(user)).body("items[0].detail", containsString("via amqp"));
    }

    @Test
    void shouldRefuseAPageSizeOutOfRangeWithTheAllowedOnes() {
        given().queryParam("size", 0).get("/v1/audit").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("size must be between 1 and 1000, not 0"));
    }
}
