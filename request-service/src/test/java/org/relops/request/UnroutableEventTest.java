package org.relops.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.model.Bus;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.MachineBooted;
import org.relops.testing.MetricSamples;
import org.relops.testing.WithBusProbe;

import io.quarkus.test.junit.QuarkusTest;

/**
 * An event no queue would take is not lost, on the real broker: with its only consumer's queue deleted behind
 * relops' back (and no probe listening), machine.ready is returned by the broker (it is published mandatory), stays
 * in the outbox, is counted, and goes out again once the topology is declared anew, into the consumer's queue.
 */
@QuarkusTest
class UnroutableEventTest extends WithBusProbe {

    private static final String CONSUMER_QUEUE = Bus.eventQueue("inventory-service");

    @Test
    void shouldKeepAReturnedEventInTheOutboxAndRouteItOnceTheQueueIsBack() {
        String id = RequestFixtures.submit("{\"image\":\"relops-bare\",\"count\":1,\"appEnvironment\":\"production\"}",
                null);
        String hostname = RequestFixtures.hostnamesOf(bus, id).get(0);
        double returnedBefore = returnedEvents();
        bus.stopListening();
        bus.deleteQueue(CONSUMER_QUEUE);

        bus.publish(RequestFixtures.reserved(id, hostname, "sys-" + hostname));
        bus.publish(new MachineBooted(id, hostname, "sys-" + hostname, "52:54:00:00:00:01", "10.0.0.7", "relops-bare",
                "1", "sha256:abc", "bare", false, "production", RequestFixtures.BOOT_ID));
        bus.publish(new DnsRecordPublished(id, hostname, hostname + ".local.relops.example", "10.0.0.7"));

        await("machine.ready returned").atMost(Duration.ofSeconds(30)).until(() -> returnedEvents() > returnedBefore);
        List<String> routed = new ArrayList<>();
        await("machine.ready in " + CONSUMER_QUEUE).atMost(Duration.ofSeconds(30)).until(() -> {
            bus.take(CONSUMER_QUEUE).ifPresent(body -> routed.add(new String(body, StandardCharsets.UTF_8)));
            return routed.stream().anyMatch(body -> body.contains(hostname) && body.contains("machine.ready"));
        });
    }

    private static double returnedEvents() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return MetricSamples.of(metrics, line -> line.startsWith("relops_bus_events_returned_total")).sum();
    }
}
