package org.relops.inventory.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relops.testing.auth.OperatorTokenByDefault.as;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.relops.inventory.Requests;
import org.relops.inventory.SystemState;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.event.RelopsEvent;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.event.SystemStateChanged;
import org.relops.model.auth.Roles;
import org.relops.testing.auth.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SystemLifecycleTest extends BusTest {

    private static final String IMAGING = "/relops/imaging-service";

    @Test
    void shouldFollowAMachineThroughItsLifeWithAnEventAndAnAuditRecordForEveryChange() {
        HostReserved host = reserveOne("lifecycle");
        String system = host.systemName();

        publishFromImaging(provisioning(host));
        awaitState(system, "provisioning");
        publishFromImaging(booted(host));
        awaitState(system, "ready");
        publishFromImaging(provisioning(host));
        awaitState(system, "reimaging");
        publishFromImaging(booted(host));
        awaitState(system, "ready", 2);
        publishFromImaging(new MachineFailed(host.requestId(), host.hostname(), system, "stopped phoning home"));
        awaitState(system, "failed");
        bus.publish(new DecommissionRequested(host.requestId(), host.hostname(), null, false));
        awaitState(system, "decommissioning");
        publishFromImaging(new MachineDestroyed(host.requestId(), host.hostname(), system, false));
        awaitState(system, "free");

        given().get("/v1/systems/{name}/history", system).then().statusCode(200)
                .body("total", is(9))
                .body("items.from", contains(null, "free", "reserved", "provisioning", "ready", "reimaging", "ready",
                        "failed", "decommissioning"))
                .body("items.to", contains("free", "reserved", "provisioning", "ready", "reimaging", "ready", "failed",
                        "decommissioning", "free"))
                .body("items.at", everyItem(notNullValue()))
                .body("items.actor[6]", is("machine.failed from " + IMAGING))
                .body("items.reason[6]", is("machine " + host.hostname() + " failed: stopped phoning home"))
                .body("items.requestId[1]", is(host.requestId()));
        given().queryParam("size", 2).queryParam("page", 1).get("/v1/systems/{name}/history", system).then()
                .statusCode(200).body("items.to", contains("provisioning", "ready")).body("total", is(9))
                .body("page", is(1)).body("size", is(2));
        given().queryParam("size", 2).queryParam("page", 5).get("/v1/systems/{name}/history", system).then()
                .statusCode(200).body("items", empty()).body("total", is(9));
    }

    @Test
    void shouldIgnoreAnOlderEventThatArrivesAfterANewerOne() {
        HostReserved host = reserveOne("lifecycle");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        publishFromImaging(booted(host), now);
        awaitState(host.systemName(), "ready");

        publishFromImaging(provisioning(host), now.minusSeconds(30));
        RequestSubmitted marker = Requests.forPool("marker", 1);
        bus.publish(marker);
        Outcomes.awaitReservations(bus, marker);

        assertEquals(SystemState.READY, system(host.systemName()).state);
    }

    @Test
    void shouldNeverPlaceOnAQuarantinedSystemAndRecordWhoQuarantinedItAndWhy() {
        String reason = "ECC errors on DIMM 3";
        // who: the token's subject, whatever a header claims
        as(TestTokens.forSubject("alice", Roles.OPERATOR)).contentType("application/json")
                .header("X-Relops-Operator", "mallory").body("{\"reason\": \"" + reason + "\"}")
                .post("/v1/systems/quarantine-01/quarantine")
                .then().statusCode(200).body("state", is("quarantined"));
        CloudEvent envelope = bus.awaitEnvelope(SystemStateChanged.class,
                event -> event.systemName().equals("quarantine-01") && "quarantined".equals(event.to()));
        SystemStateChanged changed = EnvelopeCodec.payload(envelope, SystemStateChanged.class);
        assertEquals("operator alice", changed.actor());
        assertEquals("alice", envelope.actor());
        given().queryParam("subject", "system/quarantine-01").get("/v1/audit").then().statusCode(200)
                .body("items[0].actor", is("alice")).body("items[0].action", is("quarantine"))
                .body("items[0].detail", is(reason));
        assertEquals(reason, changed.reason());

        RequestSubmitted request = Requests.forPool("quarantine", 2);
        bus.publish(request);

        assertEquals("2 requested, 1 free system of hardware class 'quarantine'",
                bus.awaitEvent(RequestUnplaceable.class,
                        event -> event.requestId().equals(request.requestId())).reason());
        given().get("/v1/systems/quarantine-01/history").then()
                .body("items.actor[1]", is("operator alice")).body("items.reason[1]", is(reason));
    }

    @Test
    void shouldRefuseToRetireASystemAMachineRunsOn() {
        HostReserved host = reserveOne("operator");

        given().contentType("application/json").body("{\"reason\": \"end of warranty\"}")
                .post("/v1/systems/{name}/retire", host.systemName())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", is("system " + host.systemName() + " holds machine " + host.hostname()
                        + " of request " + host.requestId() + "; decommission the machine first"));
    }

    @Test
    void shouldRetireAndRestoreAFreeSystemButOnlyWithAReason() {
        given().contentType("application/json").body("{}").post("/v1/systems/operator-03/retire")
                .then().statusCode(400).body("detail", is("say why: the body needs a non-empty 'reason'"));

        given().contentType("application/json").body("{\"reason\": \"rack moved\"}")
                .post("/v1/systems/operator-03/retire").then().statusCode(200).body("state", is("retired"));
        given().contentType("application/json").body("{\"reason\": \"back from the move\"}")
                .post("/v1/systems/operator-03/restore").then().statusCode(200).body("state", is("free"));
        given().contentType("application/json").body("{\"reason\": \"x\"}")
                .post("/v1/systems/no-such-system/retire").then().statusCode(404);
    }

    private static HostReserved reserveOne(String pool) {
        RequestSubmitted request = Requests.forPool(pool, 1);
        bus.publish(request);
        return Outcomes.awaitReservations(bus, request).get(0);
    }

    private static MachineProvisioning provisioning(HostReserved host) {
        return new MachineProvisioning(host.requestId(), host.hostname(), host.systemName(), host.image(),
                host.imageVersion(), "sha256:0123");
    }

    private static MachineBooted booted(HostReserved host) {
        return new MachineBooted(host.requestId(), host.hostname(), host.systemName(), host.mac(), "10.0.2.15",
                host.image(), host.imageVersion(), "sha256:0123", "buildbot-slave", true, host.appEnvironment(), "boot-1");
    }

    private static void publishFromImaging(RelopsEvent event) {
        publishFromImaging(event, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static void publishFromImaging(RelopsEvent event, OffsetDateTime time) {
        CloudEvent envelope = EnvelopeCodec.wrap(event, IMAGING, null, null);
        bus.publish(new CloudEvent(envelope.specversion(), envelope.id(), envelope.source(), envelope.type(), time,
                envelope.subject(), envelope.datacontenttype(), envelope.eventversion(), envelope.correlationid(),
                envelope.causationid(), envelope.actor(), envelope.data()));
    }

    private static void awaitState(String system, String state) {
        awaitState(system, state, 1);
    }

    /** Waits until the system has entered the state {@code times} times, as its events tell. */
    private static void awaitState(String system, String state, int times) {
        await().until(() -> bus.events(SystemStateChanged.class,
                event -> event.systemName().equals(system) && state.equals(event.to())).size() >= times);
    }
}
