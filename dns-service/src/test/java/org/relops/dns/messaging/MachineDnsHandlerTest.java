package org.relops.dns.messaging;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.relops.dns.TestBus;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsRecordRemoved;
import org.relops.model.event.DnsZoneChanged;
import org.relops.model.event.MachineBooted;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MachineDnsHandlerTest {

    private static final String ZONE = "test.relops.example";

    private final BusProbe bus = TestBus.probe();

    @Test
    void shouldPublishBootedMachineWithItsAddressAndPointerRecords() {
        String host = hostname("boot");
        String requestId = requestId();

        bus.publish(booted(requestId, host, "10.0.2.15"));

        DnsRecordPublished published = bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host));
        assertThat(published.fqdn(), equalTo(host + "." + ZONE));
        assertThat(published.address(), equalTo("10.0.2.15"));
        assertThat(published.requestId(), equalTo(requestId));
        when().get("/v1/records/{name}", host).then().statusCode(200)
                .body("items.type", contains("A"))
                .body("items.data", contains("10.0.2.15"))
                .body("items.owner", contains("machine:" + host));
        assertThat(pointersAt("10.0.2.15"), hasItem(host + "." + ZONE + "."));
    }

    @Test
    void shouldCarryTheRequestAsCorrelationOfThePublishedEvent() {
        String host = hostname("corr");
        String requestId = requestId();

        CloudEvent cause = bus.publish(booted(requestId, host, randomAddress()));

        CloudEvent published = bus.awaitEnvelope(DnsRecordPublished.class, e -> e.hostname().equals(host));
        assertThat(published.correlationid(), equalTo(requestId));
        assertThat(published.causationid(), equalTo(cause.id()));
    }

    @Test
    void shouldMoveReplacedMachineToItsNewAddress() {
        String host = hostname("moved");
        String first = randomAddress();
        String second = randomAddress();
        bus.publish(booted(requestId(), host, first));
        bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host) && e.address().equals(first));

        bus.publish(booted(requestId(), host, second));

        bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host) && e.address().equals(second));
        when().get("/v1/records/{name}", host).then().statusCode(200).body("items.data", contains(second));
        assertThat(pointersAt(first), not(hasItem(host + "." + ZONE + ".")));
        assertThat(pointersAt(second), hasItem(host + "." + ZONE + "."));
    }

    @Test
    void shouldRemoveRecordsOfDecommissionedMachine() {
        String host = hostname("gone");
        String requestId = requestId();
        String address = randomAddress();
        bus.publish(booted(requestId, host, address));
        bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host));

        bus.publish(new DecommissionRequested(requestId, host, "vm-slot-1", false));

        DnsRecordRemoved removed = bus.awaitEvent(DnsRecordRemoved.class, e -> e.hostname().equals(host));
        assertThat(removed.fqdn(), equalTo(host + "." + ZONE));
        assertThat(removed.requestId(), equalTo(requestId));
        when().get("/v1/records/{name}", host).then().statusCode(404);
        assertThat(pointersAt(address), not(hasItem(host + "." + ZONE + ".")));
    }

    @Test
    void shouldConfirmRemovalOfMachineItNeverKnew() {
        String host = hostname("unknown");

        bus.publish(new DecommissionRequested(requestId(), host, null, true));

        DnsRecordRemoved removed = bus.awaitEvent(DnsRecordRemoved.class, e -> e.hostname().equals(host));
        assertThat(removed.fqdn(), equalTo(host + "." + ZONE));
        assertThat(bus.events(DnsZoneChanged.class, e -> e.cause().contains(host)), empty());
    }

    @Test
    void shouldChangeNothingWhenBootIsRedelivered() {
        String host = hostname("again");
        String address = randomAddress();
        CloudEvent envelope = bus.publish(booted(requestId(), host, address));
        bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host));
        long serial = zoneSerial();

        bus.publish(envelope);
        String marker = hostname("marker");
        bus.publish(new DecommissionRequested(requestId(), marker, null, false));
        bus.awaitEvent(DnsRecordRemoved.class, e -> e.hostname().equals(marker));

        assertThat(bus.events(DnsRecordPublished.class, e -> e.hostname().equals(host)), hasSize(1));
        assertThat(bus.events(DnsZoneChanged.class, e -> e.cause().contains(host)), hasSize(2));
        assertThat(zoneSerial(), equalTo(serial));
        when().get("/v1/records/{name}", host).then().statusCode(200).body("items.data", contains(address));
    }

    @Test
    void shouldAnnounceEveryZoneChangeWithAHigherSerial() {
        String host = hostname("serial");
        long before = zoneSerial();

        String address = randomAddress();
        bus.publish(booted(requestId(), host, address));

        DnsZoneChanged forward = bus.awaitEvent(DnsZoneChanged.class,
                e -> e.zone().equals(ZONE) && e.cause().contains(host));
        assertThat(forward.serial(), greaterThan(before));
        assertThat(forward.added(), contains(allOf(containsString(host + "." + ZONE + "."), containsString(address))));
        DnsZoneChanged reverse = bus.awaitEvent(DnsZoneChanged.class,
                e -> e.zone().equals("10.in-addr.arpa") && e.cause().contains(host));
        assertThat(reverse.added(), contains(containsString("PTR")));
        await().atMost(Duration.ofSeconds(5)).until(() -> zoneSerial() >= forward.serial());
    }

    @Test
    void shouldDeadLetterBootWithoutUsableAddress() {
        String host = hostname("noaddr");

        bus.publish(booted(requestId(), host, "not-an-address"));

        BusProbe.DeadLetter dead = bus.awaitDeadLetter("dns-service", letter -> letter.reason().contains(host));
        assertThat(dead.reason(), containsString("not an IPv4 or IPv6 address"));
    }

    @Test
    void shouldDeadLetterBootOfMachineNamedLikeAnAlias() {
        String name = hostname("alias");
        given().contentType("application/json").body("{\"target\": \"bm-master01\"}")
                .put("/v1/aliases/{name}", name).then().statusCode(201);

        bus.publish(booted(requestId(), name, randomAddress()));

        BusProbe.DeadLetter dead = bus.awaitDeadLetter("dns-service", letter -> letter.reason().contains(name));
        assertThat(dead.reason(), containsString("is a service alias"));
    }

    static MachineBooted booted(String requestId, String host, String address) {
        return new MachineBooted(requestId, host, "vm-" + host, "52:54:00:12:34:56", address,
                "releng-talos-linux64", "3", "sha256:0123", "talos", true, "production", "boot-1");
    }

    static String hostname(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** The PTR targets at an IPv4 address's reverse name; empty when there are none. */
    static List<String> pointersAt(String address) {
        List<String> octets = Arrays.asList(address.split("\\."));
        Collections.reverse(octets);
        var response = when().get("/v1/records/{name}", String.join(".", octets) + ".in-addr.arpa");
        return response.statusCode() == 404 ? List.of() : response.then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.type == 'PTR' }.data", String.class);
    }

    static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static long zoneSerial() {
        return when().get("/v1/zone").then().statusCode(200).extract().jsonPath().getLong("serial");
    }
}
