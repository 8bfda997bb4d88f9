package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relops.model.Bus;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The chaos suite: two replicas of every service, a burst of requests on simulated systems, and during the burst
 * each service's replica killed with SIGKILL one at a time, then every process together, then RabbitMQ, then
 * PostgreSQL, each started again. Afterwards every request is FULFILLED, exactly the requested machines exist
 * in every service's own view (none lost, none twice), no system serves two machines, the outboxes are drained
 * and no queue holds a message; then everything is decommissioned and nothing is left. The benchmark
 * {@code benchmarks/chaos/run.sh} runs it bigger ({@code relops.chaos.machines-per-request}) and keeps its figures.
 */
class ChaosEndToEndTest {

    private static final String IMAGE = "relops-bare";
    private static final List<String> SERVICES = List.of("request-service", "inventory-service", "imaging-service",
            "dns-service", "slavealloc-service");
    /** Machines in each request of the burst; one request goes in before each disruption. */
    private static final int PER_REQUEST = Integer.getInteger("relops.chaos.machines-per-request", 3);
    /** How long a simulated launch takes, so that the kills land while machines are in flight. */
    private static final String LAUNCH_DELAY = System.getProperty("relops.chaos.launch-delay", "3s");
    private static final Duration SETTLE = Duration.ofMinutes(5);

    private static RelopsStack stack;
    private static HostInfrastructure infrastructure;
    private final Map<String, Long> figures = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() {
        stack = new RelopsStack(RelopsStack.CHAOS);
        stack.replicas("imaging-service")
                .forEach(replica -> replica.with("relops.imaging.simulated.launch-delay", LAUNCH_DELAY));
        stack.start();
        infrastructure = new HostInfrastructure(stack.root());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void shouldFulfilEveryRequestExactlyOnceThroughCrashesOfEveryServiceTheBrokerAndTheDatabase() throws IOException {
        Instant started = Instant.now();
        List<String> requests = new ArrayList<>();
        for (String service : SERVICES) {
            requests.add(submit());
            restart(List.of(stack.replicas(service).get(0)));
        }
        requests.add(submit());
        restart(stack.processes());
        requests.add(submit());
        infrastructure.crashRabbitMq();
        awaitAllReady();
        requests.add(submit());
        infrastructure.crashPostgres();
        awaitAllReady();
        figures.put("chaos phase (s)", Duration.between(started, Instant.now()).toSeconds());

        Map<String, JsonPath> fulfilled = new LinkedHashMap<>();
        for (String id : requests) {
            fulfilled.put(id, awaitRequest(id, "fulfilled"));
        }
        figures.put("burst to every request fulfilled (s)", Duration.between(started, Instant.now()).toSeconds());
        Map<String, String> systemOf = machinesOf(fulfilled.values());
        assertEquals(requests.size() * PER_REQUEST, systemOf.size(), "machines: " + systemOf);
        assertEquals(systemOf.size(), new HashSet<>(systemOf.values()).size(), "a system serves two machines: "
                + systemOf);
        // the other services learn of the last steps from events: give those a moment to arrive
        await("every service's view").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertEquals(new TreeSet<>(systemOf.values()), systemsInUse(), "inventory's systems in use");
            assertEquals(new TreeSet<>(systemOf.keySet()), bootedMachines(), "imaging-service's booted machines");
            assertEquals(new TreeSet<>(systemOf.keySet()), machineRecords(), "dns-service's machine records");
            assertEquals(new TreeSet<>(systemOf.keySet()), simulatedMachines(), "simulated machines running");
        });
        assertQuiet();

        for (String id : requests) {
            given().delete(url("request-service") + "/v1/requests/" + id).then().statusCode(202);
        }
        for (String id : requests) {
            awaitRequest(id, "decommissioned");
        }
        await("nothing left").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertEquals(Set.of(), systemsInUse(), "systems still in use after the decommission");
            assertEquals(Set.of(), bootedMachines(), "machines left after the decommission");
            assertEquals(Set.of(), machineRecords(), "DNS records left after the decommission");
            assertEquals(Set.of(), simulatedMachines(), "simulated machines left after the decommission");
        });
        assertQuiet();
        figures.put("machines", (long) systemOf.size());
        figures.put("whole run (s)", Duration.between(started, Instant.now()).toSeconds());
        writeFigures();
    }

    private String submit() {
        return given().contentType(ContentType.JSON)
                .body("{\"image\":\"" + IMAGE + "\",\"count\":" + PER_REQUEST + ",\"appEnvironment\":\"production\","
                        + "\"constraints\":{\"hardwareClass\":\"simulated\"}}")
                .post(url("request-service") + "/v1/requests")
                .then().statusCode(202).extract().path("id");
    }

    /** Kills the processes with SIGKILL, starts them again and waits until all are ready. */
    private static void restart(List<ServiceProcess> processes) {
        processes.forEach(ServiceProcess::kill);
        processes.forEach(ServiceProcess::start);
        processes.forEach(ServiceProcess::awaitReady);
    }

    private static void awaitAllReady() {
        stack.processes().forEach(ServiceProcess::awaitReady);
    }

    /** A live replica's URL: the flow must go on through whichever replica runs. */
    private static String url(String service) {
        return stack.replicas(service).stream().filter(ServiceProcess::isAlive).findFirst()
                .orElseThrow(() -> new AssertionError("no replica of " + service + " runs")).url();
    }

    private static JsonPath awaitRequest(String id, String state) {
        await("request " + id + " " + state).atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath now = given().get(url("request-service") + "/v1/requests/" + id).then().extract().jsonPath();
            if ("failed".equals(now.getString("state"))) {
                throw new AssertionError("request " + id + " failed: " + now.getString("reason"));
            }
            return state.equals(now.getString("state"));
        });
        return given().get(url("request-service") + "/v1/requests/" + id).then().extract().jsonPath();
    }

    /** Hostname to system of every machine of the requests, as request-service sees them (each READY). */
    private static Map<String, String> machinesOf(Iterable<JsonPath> requests) {
        Map<String, String> systemOf = new LinkedHashMap<>();
        for (JsonPath request : requests) {
            List<Map<String, Object>> machines = request.getList("machines");
            assertEquals(PER_REQUEST, machines.size(), request.prettify());
            for (Map<String, Object> machine : machines) {
                assertEquals("ready", machine.get("state"), machine.toString());
                String previous = systemOf.put((String) machine.get("hostname"), (String) machine.get("systemName"));
                assertEquals(null, previous, "hostname " + machine.get("hostname") + " given twice");
            }
        }
        return systemOf;
    }

    private static Set<String> systemsInUse() {
        List<Map<String, Object>> systems = ApiLists.all(url("inventory-service")
                + "/v1/systems?hardwareClass=simulated");
        systems.stream().filter(system -> !Set.of("free", "ready").contains(system.get("state"))).findAny()
                .ifPresent(system -> {
                    throw new AssertionError("a system neither free nor ready: " + system);
                });
        return systems.stream().filter(system -> "ready".equals(system.get("state")))
                .map(system -> (String) system.get("name")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> bootedMachines() {
        List<Map<String, Object>> machines = ApiLists.all(url("imaging-service") + "/v1/machines");
        machines.stream().filter(machine -> !Set.of("booted", "destroyed").contains(machine.get("state"))).findAny()
                .ifPresent(machine -> {
                    throw new AssertionError("a machine neither booted nor destroyed: " + machine);
                });
        return machines.stream().filter(machine -> "booted".equals(machine.get("state")))
                .map(machine -> (String) machine.get("hostname")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> machineRecords() {
        List<Map<String, Object>> records = ApiLists.all(url("dns-service") + "/v1/records?type=A");
        return records.stream().map(record -> String.valueOf(record.get("owner")))
                .filter(owner -> owner.startsWith("machine:")).map(owner -> owner.substring("machine:".length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> simulatedMachines() throws IOException {
        Path machines = stack.imagingData().resolve("simulated");
        if (!Files.isDirectory(machines)) {
            return Set.of();
        }
        try (var files = Files.list(machines)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith("."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every outbox drained, no event waiting in any service's queue, nothing dead-lettered. */
    private void assertQuiet() {
        String vhost = stack.environment().vhost();
        await("outboxes drained and queues empty").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String service : SERVICES) {
                String database = stack.environment().database(service.substring(0, service.indexOf('-')));
                assertEquals(0, infrastructure.unpublishedEvents(database), service + "'s outbox");
                assertEquals(0, HostInfrastructure.messagesIn(vhost, Bus.eventQueue(service)),
                        service + "'s event queue");
            }
            assertEquals(0, HostInfrastructure.messagesIn(vhost, Bus.REQUEST_INTAKE_QUEUE), "the intake queue");
        });
        for (String service : SERVICES) {
            assertEquals(0, HostInfrastructure.messagesIn(vhost, Bus.deadLetterQueue(service)),
                    service + "'s dead-letter queue");
        }
    }

    private void writeFigures() throws IOException {
        Path file = stack.root().resolve("e2e-tests/target/chaos-figures.txt");
        String lines = figures.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, lines);
        System.out.print("chaos suite figures (" + file + "):\n" + lines);
    }
}
