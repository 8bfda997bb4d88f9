package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.request.RequestFixtures.BOOT_ID;
import static org.relops.request.RequestFixtures.IMAGE;
import static org.relops.request.RequestFixtures.awaitMachineState;
import static org.relops.request.RequestFixtures.awaitState;
import static org.relops.request.RequestFixtures.booted;
import static org.relops.request.RequestFixtures.bringUp;
import static org.relops.request.RequestFixtures.hostnamesOf;
import static org.relops.request.RequestFixtures.reserved;
import static org.relops.request.RequestFixtures.submit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relops.model.Bus;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsRecordRemoved;
import org.relops.model.event.HostReleased;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineDecommissioned;
import org.relops.model.event.MachineReady;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.event.RequestDecommissioned;
import org.relops.model.event.RequestFailed;
import org.relops.model.event.RequestFulfilled;
import org.relops.model.event.RequestRejected;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.MasterEnabled;
import org.relops.model.event.SlaveConnected;
import org.relops.model.event.SlaveReleased;
import org.relops.model.value.Location;
import org.relops.testing.MetricSamples;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * request-service against the real database and broker, with the probe playing the other
 * services' parts on the bus.
 */
@QuarkusTest
class RequestFlowTest extends WithBusProbe {

    @Test
    void shouldAcceptARequestAndEmitItsSubmission() {
        String id = submit("{\"image\":\"" + IMAGE + "\",\"count\":2,\"appEnvironment\":\"production\"}", null);

        RequestSubmitted submitted = bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id));

        assertEquals(2, submitted.hostnames().size());
        assertTrue(submitted.hostnames().get(0).matches("talos-linux64-\\d{4}"), submitted.hostnames().toString());
        awaitState(id, "placing");
        given().get("/v1/requests/" + id).then().body("machines", hasSize(2))
                .body("machines[0].state", equalTo("pending"));
    }

    @Test
    void shouldGiveTheSameRequestForTheSameIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String body = "{\"image\":\"" + IMAGE + "\",\"count\":1,\"appEnvironment\":\"staging\"}";

        String first = submit(body, key);
        String second = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/requests").then().statusCode(200).extract().path("id");

        assertEquals(first, second);
        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(first));
        assertEquals(1, bus.events(RequestSubmitted.class, event -> event.requestId().equals(first)).size());
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherRequest() {
        String key = UUID.randomUUID().toString();
        submit("{\"image\":\"" + IMAGE + "\",\"count\":1,\"appEnvironment\":\"staging\"}", key);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"image\":\"" + IMAGE + "\",\"count\":5,\"appEnvironment\":\"staging\"}")
                .post("/v1/requests")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("asks for something else"));
    }

    @Test
    void shouldExplainBadRequestsWithProblemDetails() {
        expectProblem("{\"count\":1,\"appEnvironment\":\"production\"}", "'image' is required");
        expectProblem("{\"image\":\"" + IMAGE + "\",\"count\":0,\"appEnvironment\":\"production\"}",
                "'count' must be between 1 and 100, got 0");
        expectProblem("{\"image\":\"" + IMAGE + "\",\"count\":1}", "'appEnvironment' is required");
        expectProblem("{\"image\":\"Bad Image\",\"count\":1,\"appEnvironment\":\"production\"}", "image name");
        expectProblem("{\"image\":\"" + IMAGE + "\",\"cout\":1}", "unknown field 'cout'");
        expectProblem("{\"image\":\"" + IMAGE + "\",\"count\":\"many\",\"appEnvironment\":\"x\"}", "'count'");
        expectProblem("{not json", "not valid JSON");
        given().get("/v1/requests/no-such-request").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/requests?state=SLEEPING").then().statusCode(400).body("detail", containsString("SLEEPING"))
                .body("detail", containsString("allowed: submitted, placing, provisioning, fulfilled"));
    }

    @Test
    void shouldAcceptACommandWithoutARequestIdOnceWhenItIsDeliveredTwice() {
        String prefix = "intake" + UUID.randomUUID().toString().substring(0, 8);
        byte[] command = ("{\"image\":\"" + IMAGE + "\",\"count\":1,\"appEnvironment\":\"production\","
                + "\"hostnamePrefix\":\"" + prefix + "\"}").getBytes(StandardCharsets.UTF_8);

        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, command);
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, command);

        bus.awaitEvent(RequestSubmitted.class, event -> event.hostnames().get(0).startsWith(prefix));
        String marker = "marker-" + UUID.randomUUID();
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, ("{\"requestId\":\"" + marker + "\",\"image\":\"" + IMAGE
                + "\",\"count\":1,\"appEnvironment\":\"production\"}").getBytes(StandardCharsets.UTF_8));
        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(marker));
        assertEquals(1, bus.events(RequestSubmitted.class, event -> event.hostnames().get(0).startsWith(prefix))
                .size(), "the second delivery of the same command must not make a second request");
    }

    @Test
    void shouldAcceptTheSameRequestFromTheIntakeQueueOnce() {
        String id = "buildbot-" + UUID.randomUUID();
        byte[] command = ("{\"requestId\":\"" + id + "\",\"image\":\"" + IMAGE
                + "\",\"count\":1,\"appEnvironment\":\"production\"}").getBytes(StandardCharsets.UTF_8);

        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, command);
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, command);

        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id));
        awaitState(id, "placing");
        String marker = "marker-" + UUID.randomUUID();
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, ("{\"requestId\":\"" + marker + "\",\"image\":\"" + IMAGE
                + "\",\"count\":1,\"appEnvironment\":\"production\"}").getBytes(StandardCharsets.UTF_8));
        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(marker));
        assertEquals(1, bus.events(RequestSubmitted.class, event -> event.requestId().equals(id)).size());
    }

    @Test
    void shouldDeadLetterAPoisonCommandAndGoOnConsuming() {
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, "this is not json".getBytes(StandardCharsets.UTF_8));
        String rejected = "bad-" + UUID.randomUUID();
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, ("{\"requestId\":\"" + rejected + "\",\"image\":\"" + IMAGE
                + "\",\"count\":-3,\"appEnvironment\":\"production\"}").getBytes(StandardCharsets.UTF_8));
        String good = "good-" + UUID.randomUUID();
        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, ("{\"requestId\":\"" + good + "\",\"image\":\"" + IMAGE
                + "\",\"count\":1,\"appEnvironment\":\"production\"}").getBytes(StandardCharsets.UTF_8));

        bus.awaitDeadLetter("request-service", letter -> letter.reason().startsWith("not a provisioning command")
                && letter.fromQueue().equals(Bus.REQUEST_INTAKE_QUEUE));
        bus.awaitDeadLetter("request-service", letter -> letter.reason().contains("'count' must be between"));
        RequestRejected rejection = bus.awaitEvent(RequestRejected.class, event -> event.requestId().equals(rejected));
        assertTrue(rejection.reason().contains("'count'"), rejection.reason());
        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(good));
    }

    @Test
    void shouldDeadLetterAnEventOfAnUnknownMajorVersion() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/test\","
                + "\"type\":\"host.reserved\",\"eventversion\":\"3.0\",\"data\":{}}";

        bus.publishRaw(Bus.EVENTS_EXCHANGE, "host.reserved", json.getBytes(StandardCharsets.UTF_8));

        bus.awaitDeadLetter("request-service", letter -> letter.reason().contains("unsupported major version 3"));
    }

    @Test
    void shouldFulfilARequestOnceEveryMachineIsBootedNamedAndAllocated() {
        String id = submit("{\"image\":\"" + IMAGE + "\",\"count\":2,\"appEnvironment\":\"production\"}", null);
        List<String> hostnames = bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id)).hostnames();

        for (String hostname : hostnames) {
            bus.publish(reserved(id, hostname, "sys-" + hostname));
        }
        awaitState(id, "provisioning");
        for (String hostname : hostnames) {
            bus.publish(booted(id, hostname, "sys-" + hostname, "1"));
            bus.publish(new SlaveAllocated(id, hostname, "bm01", "bm01.production.relops.example", "production"));
            bus.publish(new SlaveConnected(id, hostname, "bm01", BOOT_ID));
            bus.publish(new DnsRecordPublished(id, hostname, hostname + ".local.relops.example", "10.0.0.7"));
        }

        bus.awaitEvent(RequestFulfilled.class, event -> event.requestId().equals(id));
        assertEquals(2, bus.events(MachineReady.class, event -> event.requestId().equals(id)).size());
        given().get("/v1/requests/" + id).then()
                .body("state", equalTo("fulfilled"))
                .body("machines[0].state", equalTo("ready"))
                .body("machines[0].master", equalTo("bm01.production.relops.example"))
                .body("machines[0].fqdn", equalTo(hostnames.get(0) + ".local.relops.example"))
                .body("machines[0].imageDigest", equalTo("sha256:abc"))
                .body("machines[0].systemName", equalTo("sys-" + hostnames.get(0)))
                .body("machines[0].imageVersion", equalTo(1))
                .body("imageVersion", nullValue());
    }

    @Test
    void shouldHandleARedeliveredEventOnlyOnce() {
        String id = submit("{\"image\":\"" + IMAGE + "\",\"count\":1,\"appEnvironment\":\"production\"}", null);
        String hostname = bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id)).hostnames().get(0);
        CloudEvent reservation = bus.publish(reserved(id, hostname, "sys-" + hostname));
        awaitState(id, "provisioning");
        double duplicatesBefore = handledDuplicates("host.reserved");

        bus.publish(reservation);

        await().atMost(Duration.ofSeconds(30)).until(() -> handledDuplicates("host.reserved") == duplicatesBefore + 1);
        given().get("/v1/requests/" + id).then().body("machines[0].state", equalTo("reserved"));
    }

    @Test
    void shouldFailARequestThatCannotBePlaced() {
        String id = submit("{\"image\":\"" + IMAGE + "\",\"count\":3,\"appEnvironment\":\"production\"}", null);
        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id));

        bus.publish(new RequestUnplaceable(id, "3 requested, 2 systems free"));

        RequestFailed failed = bus.awaitEvent(RequestFailed.class, event -> event.requestId().equals(id));
        assertEquals("3 requested, 2 systems free", failed.reason());
        given().get("/v1/requests/" + id).then().body("state", equalTo("failed"))
                .body("reason", equalTo("3 requested, 2 systems free"));
    }

    @Test
    void shouldDecommissionOnceEveryServiceHasTakenItsPartDown() {
        String id = submit("{\"image\":\"" + IMAGE + "\",\"count\":1,\"appEnvironment\":\"production\"}", null);
        String hostname = bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id)).hostnames().get(0);
        bus.publish(reserved(id, hostname, "sys-" + hostname));
        awaitState(id, "provisioning");

        given().delete("/v1/requests/" + id + "?wipe=true").then().statusCode(202).body("state", equalTo("decommissioning"));
        given().delete("/v1/requests/" + id).then().statusCode(202);

        DecommissionRequested asked = bus.awaitEvent(DecommissionRequested.class, event -> event.requestId().equals(id));
        assertEquals("sys-" + hostname, asked.systemName());
        assertTrue(asked.wipeVolumes());
        bus.publish(new SlaveReleased(id, hostname));
        bus.publish(new DnsRecordRemoved(id, hostname, hostname + ".local.relops.example"));
        awaitState(id, "decommissioning");
        bus.publish(new HostReleased(id, hostname, "sys-" + hostname));

        bus.awaitEvent(RequestDecommissioned.class, event -> event.requestId().equals(id));
        assertEquals(1, bus.events(MachineDecommissioned.class, event -> event.requestId().equals(id)).size());
        assertEquals(1, bus.events(DecommissionRequested.class, event -> event.requestId().equals(id)).size());
        given().get("/v1/requests/" + id).then().body("machines[0].state", equalTo("decommissioned"));
    }




    private static void expectProblem(String body, String detail) {
        given().contentType(ContentType.JSON).body(body).post("/v1/requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString(detail));
    }


    private static double handledDuplicates(String type) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return MetricSamples.of(metrics, line -> line.startsWith("relops_bus_events_handled_total{")
                && line.contains("outcome=\"duplicate\"") && line.contains("type=\"" + type + "\"")).sum();
    }

    @Test
    void shouldKeepAnAllocatedSlaveWaitingUntilItsWorkerConnectsInThisBoot() {
        String id = submit("{\"image\":\"" + IMAGE + "\",\"count\":1,\"appEnvironment\":\"production\"}", null);
        String hostname = bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id)).hostnames().get(0);
        bus.publish(reserved(id, hostname, "sys-" + hostname));
        bus.publish(booted(id, hostname, "sys-" + hostname, "1"));
        bus.publish(new SlaveAllocated(id, hostname, "bm01", "bm01", "production"));
        bus.publish(new DnsRecordPublished(id, hostname, hostname + ".local.relops.example", "10.0.0.7"));
        // A connection the master still holds from an earlier boot is not this boot's worker.
        bus.publish(new SlaveConnected(id, hostname, "bm01", "0d7e1b0c-5a4f-4f6e-8d21-2b9a6f1e0c33"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/machines/" + hostname).then().extract()
                .<String>path("step").contains("its buildbot worker to connect to bm01"));
        given().get("/v1/machines/" + hostname).then().body("state", equalTo("booted"));
        assertTrue(bus.events(MachineReady.class, event -> event.hostname().equals(hostname)).isEmpty());

        bus.publish(new SlaveConnected(id, hostname, "bm01", BOOT_ID));
        bus.awaitEvent(RequestFulfilled.class, event -> event.requestId().equals(id));
        given().get("/v1/machines/" + hostname).then().body("state", equalTo("ready")).body("master", equalTo("bm01"));
    }

    @Test
    void shouldMakeAMasterReadyOnlyOnceSlaveallocEnabledIt() {
        String id = submit("{\"image\":\"releng-buildmaster\",\"count\":1,\"appEnvironment\":\"production\"}",
                null);
        String hostname = bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id)).hostnames().get(0);
        bus.publish(reserved(id, hostname, "sys-" + hostname));
        bus.publish(new MachineBooted(id, hostname, "sys-" + hostname, "52:54:00:00:00:02", "10.0.0.8",
                "releng-buildmaster", "1", "sha256:def", "buildbot-master", false, "production", BOOT_ID));
        bus.publish(new DnsRecordPublished(id, hostname, hostname + ".local.relops.example", "10.0.0.8"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/machines/" + hostname).then().extract()
                .<String>path("step").contains("its buildbot master to answer"));
        assertTrue(bus.events(MachineReady.class, event -> event.hostname().equals(hostname)).isEmpty());

        bus.publish(new MasterEnabled(id, hostname, "production", "10.0.0.8", "http://10.0.0.8:8010/"));
        awaitMachineState(hostname, "ready");
        given().get("/v1/machines/" + hostname).then().body("role", equalTo("buildbot-master"))
                .body("webUrl", equalTo("http://10.0.0.8:8010/"));
        bus.awaitEvent(RequestFulfilled.class, event -> event.requestId().equals(id));
    }
    @Test
    void shouldKeepAReadyMachineReadyWhenTheAnnouncementOfItsBootComesLate() {
        String id = submit(IMAGE, 1);
        String hostname = hostnamesOf(bus, id).get(0);
        bringUp(bus, id, hostname, "sys-" + hostname);
        awaitMachineState(hostname, "ready");

        // the machine.provisioning of the boot just handled, emitted before its machine.booted and delivered after
        // it (another replica's, or redelivered): not a reboot
        CloudEvent late = org.relops.model.envelope.EnvelopeCodec.wrap(new MachineProvisioning(id, hostname,
                "sys-" + hostname, IMAGE, "1", "sha256:abc"), "/relops/test", null, null);
        CloudEvent emittedBefore = new CloudEvent(late.specversion(), late.id(), late.source(), late.type(),
                late.time().minusMinutes(1), late.subject(), late.datacontenttype(), late.eventversion(),
                late.correlationid(), late.causationid(), late.actor(), late.data());
        bus.publish(emittedBefore);
        await("request-service handled the late machine.provisioning").atMost(Duration.ofSeconds(30))
                .until(() -> handled(emittedBefore.id()));

        given().get("/v1/machines/" + hostname).then().body("state", equalTo("ready"));
        given().get("/v1/requests/" + id).then().body("state", equalTo("fulfilled"));
    }

    @Test
    void shouldFulfilARequestWhoseMachinesWereAllReadyBeforeItsReservationWasHandled() {
        String id = submit(IMAGE, 1);
        String hostname = hostnamesOf(bus, id).get(0);
        String system = "sys-" + hostname;
        // imaging's, slavealloc's and DNS's events overtook inventory's host.reserved (another replica held it)
        bus.publish(booted(id, hostname, system, "1"));
        bus.publish(new SlaveAllocated(id, hostname, "bm01", "bm01.production.relops.example", "production"));
        bus.publish(new SlaveConnected(id, hostname, "bm01", BOOT_ID));
        bus.publish(new DnsRecordPublished(id, hostname, hostname + ".local.relops.example", "10.0.0.7"));
        awaitMachineState(hostname, "ready");
        given().get("/v1/requests/" + id).then().body("state", not(equalTo("fulfilled")));

        bus.publish(reserved(id, hostname, system));

        awaitState(id, "fulfilled");
        given().get("/v1/machines/" + hostname).then().body("state", equalTo("ready")).body("systemName", equalTo(system));
    }

    private static boolean handled(String messageId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) org.relops.request
                .ProvisioningRequest.getEntityManager().createNativeQuery(
                        "select count(*) from inbox_message where message_id = ?1").setParameter(1, messageId)
                .getSingleResult()).longValue() > 0);
    }

    @Test
    void shouldTakeARebootedSlaveOutOfReadyUntilItsWorkerConnectsInTheNewBoot() {
        String id = submit(IMAGE, 1);
        String hostname = hostnamesOf(bus, id).get(0);
        bringUp(bus, id, hostname, "sys-" + hostname);
        awaitMachineState(hostname, "ready");

        bus.publish(new MachineProvisioning(id, hostname, "sys-" + hostname, IMAGE, "1", "sha256:abc"));
        awaitMachineState(hostname, "provisioning");
        String newBoot = "9b7c4e21-1f3a-4c5d-8e6f-7a8b9c0d1e2f";
        bus.publish(new MachineBooted(id, hostname, "sys-" + hostname, "52:54:00:00:00:01", "10.0.0.7", IMAGE, "1",
                "sha256:abc", "buildbot-slave", true, "production", newBoot));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/machines/" + hostname).then().extract()
                .<String>path("step").contains("its buildbot worker to connect to bm01"));
        given().get("/v1/machines/" + hostname).then().body("state", equalTo("booted"));

        bus.publish(new SlaveConnected(id, hostname, "bm01", newBoot));
        awaitMachineState(hostname, "ready");
        assertEquals(2, bus.events(MachineReady.class, event -> event.hostname().equals(hostname)).size());
        given().get("/v1/requests/" + id).then().body("state", equalTo("fulfilled"));
    }
}
