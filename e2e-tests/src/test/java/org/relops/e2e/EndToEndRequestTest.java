package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.model.Bus;
import org.relops.model.event.HostReserved;
import org.relops.model.event.RequestFulfilled;
import org.relops.model.event.RequestSubmitted;
import org.relops.testing.BusProbe;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Requests travelling through all five services, each a real process, over the real broker and
 * databases: REST and AMQP intake, decommission, concurrent placement, and a crash between commit
 * and publish.
 */
class EndToEndRequestTest {

    private static final Duration FLOW = Duration.ofSeconds(90);
    /** The netboot image with no role: these flows are about the services, not what runs on the machines. */
    private static final String IMAGE = "relops-bare";
    private static final String SIMULATED = "{\"hardwareClass\":\"simulated\"}";

    private static RelopsStack stack;
    private static BusProbe bus;

    @BeforeAll
    static void startStack() {
        stack = RelopsStack.shared();
        bus = BusProbe.connect("127.0.0.1", 5672, RelopsStack.VHOST);
    }

    @AfterAll
    static void disconnect() {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void shouldFulfilARequestThroughEveryServiceAndDecommissionIt() {
        String id = submit(2);

        JsonPath request = awaitRequestState(id, "fulfilled");

        List<Map<String, Object>> machines = request.getList("machines");
        assertEquals(2, machines.size());
        for (Map<String, Object> machine : machines) {
            String hostname = (String) machine.get("hostname");
            assertEquals("ready", machine.get("state"));
            assertEquals(hostname + "." + RelopsStack.ZONE, machine.get("fqdn"));
            assertTrue(machine.get("address") != null, machine.toString());
            assertEquals("bare", machine.get("role"), "a bare machine is no buildbot slave: " + machine);
            assertEquals(null, machine.get("master"), machine.toString());
            given().get(stack.url("dns-service") + "/v1/records/" + hostname).then().statusCode(200)
                    .body("items.find { it.type == 'A' }.data", equalTo(machine.get("address")));
            assertEquals(machine.get("address"), DnsQuery.addressOf(hostname + "." + RelopsStack.ZONE,
                    RelopsStack.DNS_PORT));
            given().get(stack.url("inventory-service") + "/v1/systems/" + machine.get("systemName")).then()
                    .statusCode(200).body("state", equalToIgnoringCase("ready"));
        }

        given().delete(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(202);

        awaitRequestState(id, "decommissioned");
        for (Map<String, Object> machine : machines) {
            given().get(stack.url("dns-service") + "/v1/records/" + machine.get("hostname")).then().statusCode(404);
            assertEquals(null, DnsQuery.addressOf(machine.get("hostname") + "." + RelopsStack.ZONE, RelopsStack.DNS_PORT));
            given().get(stack.url("slavealloc-service") + "/gettac/" + machine.get("hostname")).then().statusCode(404);
            given().get(stack.url("inventory-service") + "/v1/systems/" + machine.get("systemName")).then()
                    .body("state", equalToIgnoringCase("free"));
        }
    }

    @Test
    void shouldFulfilARequestPublishedToTheIntakeQueue() {
        String id = "buildbot-" + UUID.randomUUID();
        String command = "{\"requestId\":\"" + id + "\",\"image\":\"" + IMAGE + "\",\"count\":1,"
                + "\"appEnvironment\":\"production\",\"constraints\":" + SIMULATED + "}";

        bus.publishRaw("", Bus.REQUEST_INTAKE_QUEUE, command.getBytes(StandardCharsets.UTF_8));

        bus.awaitEvent(RequestFulfilled.class, event -> event.requestId().equals(id), FLOW);
        decommissionAndWait(id);
    }

    @Test
    void shouldNeverReserveOneSystemForTwoConcurrentRequests() {
        int free = freeSystems();
        int perRequest = Math.max(1, free / 2);
        List<CompletableFuture<String>> submissions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submissions.add(CompletableFuture.supplyAsync(() -> submit(perRequest)));
        }
        List<String> ids = submissions.stream().map(CompletableFuture::join).toList();

        List<String> finalStates = new ArrayList<>();
        for (String id : ids) {
            await().atMost(FLOW).until(() -> Set.of("fulfilled", "failed").contains(requestState(id)));
            finalStates.add(requestState(id));
        }
        Set<String> systems = new HashSet<>();
        List<HostReserved> reservations = bus.events(HostReserved.class, event -> ids.contains(event.requestId()));
        reservations.forEach(reservation -> assertTrue(systems.add(reservation.systemName()),
                "system " + reservation.systemName() + " reserved twice"));
        assertEquals(2, finalStates.stream().filter("fulfilled"::equals).count(), finalStates.toString());
        assertEquals(1, finalStates.stream().filter("failed"::equals).count(), finalStates.toString());
        ids.forEach(this::decommissionAndWait);
    }

    @Test
    void shouldPublishASubmissionCommittedJustBeforeACrash() {
        ServiceProcess requests = stack.service("request-service");
        requests.stop();
        requests.with("relops.bus.relay.enabled", "false").start().awaitReady();
        String id = submit(1);
        assertEquals("submitted", requestState(id));
        assertTrue(bus.events(RequestSubmitted.class, event -> event.requestId().equals(id)).isEmpty(),
                "the submission went out although the relay was held back");

        requests.kill();
        requests.with("relops.bus.relay.enabled", "true").start().awaitReady();

        bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id), FLOW);
        awaitRequestState(id, "fulfilled");
        assertEquals(1, bus.events(RequestSubmitted.class, event -> event.requestId().equals(id)).size());
        decommissionAndWait(id);
    }

    private void decommissionAndWait(String id) {
        given().delete(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(202);
        awaitRequestState(id, "decommissioned");
    }

    private static int freeSystems() {
        return Math.toIntExact(ApiLists.total(stack.url("inventory-service")
                + "/v1/systems?state=free&hardwareClass=simulated"));
    }

    private static String submit(int count) {
        return given().contentType(ContentType.JSON)
                .body("{\"image\":\"" + IMAGE + "\",\"count\":" + count + ",\"appEnvironment\":\"production\","
                        + "\"constraints\":" + SIMULATED + "}")
                .post(stack.url("request-service") + "/v1/requests")
                .then().statusCode(202).extract().path("id");
    }

    private static String requestState(String id) {
        return given().get(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(200)
                .extract().path("state");
    }

    private static JsonPath awaitRequestState(String id, String state) {
        await("request " + id + " " + state).atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> state.equals(requestState(id)));
        return given().get(stack.url("request-service") + "/v1/requests/" + id).then().extract().jsonPath();
    }
}
