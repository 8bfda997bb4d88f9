package org.relops.request;

import java.util.Map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.SlaveAllocated;
import org.relops.model.event.SlaveConnected;
import org.relops.model.value.Location;
import org.relops.model.value.NetworkAttachment;
import org.relops.testing.BusProbe;

import io.restassured.http.ContentType;

/** Requests submitted over REST and the other services' answers played on the bus. */
final class RequestFixtures {

    static final String IMAGE = "releng-talos-linux64";

    private RequestFixtures() {
    }

    static String submit(String body, String idempotencyKey) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/v1/requests").then().statusCode(202).body("state", equalTo("submitted"))
                .extract().path("id");
    }

    /** An image version no other test uses: image health is counted per version across requests. */
    static String uniqueVersion() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 1_000_000_000));
    }

    static String submit(String image, int count) {
        return submit("{\"image\":\"" + image + "\",\"count\":" + count + ",\"appEnvironment\":\"production\"}", null);
    }

    static List<String> hostnamesOf(BusProbe bus, String id) {
        return bus.awaitEvent(RequestSubmitted.class, event -> event.requestId().equals(id)).hostnames();
    }

    static HostReserved reserved(String id, String hostname, String system) {
        return new HostReserved(id, hostname, system, "simulated",
                new NetworkAttachment("scl3-r1-a", "10.10.1.0/24", "10.10.1.1", "52:54:00:00:00:01", "10.10.1.11"),
                Map.of(), new Location("scl3", "r1", "k1"), IMAGE, null, "production");
    }

    /** The boot id of every machine.booted the fixtures send. */
    static final String BOOT_ID = "6f1c2a52-7a0e-4a43-9b55-3d1e0c6f8a10";

    static MachineBooted booted(String id, String hostname, String system, String version) {
        return new MachineBooted(id, hostname, system, "52:54:00:00:00:01", "10.0.0.7", IMAGE, version,
                "sha256:abc", "buildbot-slave", true, "production", BOOT_ID);
    }

    /** Plays inventory, imaging, DNS and slavealloc for one machine until it is ready. */
    static void bringUp(BusProbe bus, String id, String hostname, String system) {
        bus.publish(reserved(id, hostname, system));
        bus.publish(booted(id, hostname, system, "1"));
        bus.publish(new SlaveAllocated(id, hostname, "bm01", "bm01.production.relops.example", "production"));
        bus.publish(new SlaveConnected(id, hostname, "bm01", BOOT_ID));
        bus.publish(new DnsRecordPublished(id, hostname, hostname + ".local.relops.example", "10.0.0.7"));
    }

    static void awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> state.equals(given().get("/v1/requests/" + id).then().extract().path("state")));
    }

    static void awaitMachineState(String hostname, String state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> state.equals(given().get("/v1/machines/" + hostname).then().extract().path("state")));
    }
}
