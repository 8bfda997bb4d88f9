package org.relops.dns.service;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.dns.Dig;
import org.relops.dns.TestBus;
import org.relops.dns.config.ServiceNames;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsRecordRemoved;
import org.relops.model.event.DnsZoneChanged;
import org.relops.model.event.MachineBooted;
import org.relops.testing.BusProbe;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Service names from configuration (the tests configure slavealloc and boot, both 10.254.0.1). */
@QuarkusTest
class ServiceNameRecordsTest {

    private static final String ZONE = "test.relops.example";
    private static final String REVERSE_ZONE = "10.in-addr.arpa";
    private static final String SERVICES_ADDRESS = "10.254.0.1";
    private static final Duration FOLLOWS = Duration.ofSeconds(5);

    @Inject
    DnsServing serving;

    @Inject
    ServiceNameRecords serviceNames;

    @Inject
    ServiceNames configured;

    private final BusProbe bus = TestBus.probe();

    @Test
    void shouldResolveEachServiceNameToItsAddressAndTheAddressBackToThem() {
        assertThat(dig().shortAnswer("slavealloc." + ZONE, "A"), equalTo(SERVICES_ADDRESS));
        assertThat(dig().shortAnswer("boot." + ZONE, "A"), equalTo(SERVICES_ADDRESS));
        assertThat(dig().query("slavealloc." + ZONE, "A"), containsString("flags: qr aa"));
        assertThat(dig().shortAnswer("-x", SERVICES_ADDRESS).lines().toList(),
                hasItems("slavealloc." + ZONE + ".", "boot." + ZONE + "."));
    }

    @Test
    void shouldResolveUnqualifiedSlaveallocThroughTheZoneAsSearchDomain() throws Exception {
        Lookup lookup = new Lookup("slavealloc", Type.A);
        lookup.setResolver(new SimpleResolver(new InetSocketAddress("127.0.0.1", serving.port())));
        lookup.setSearchPath(ZONE);
        lookup.setCache(null);

        Record[] answers = lookup.run();

        assertThat(lookup.getErrorString(), lookup.getResult(), equalTo(Lookup.SUCCESSFUL));
        ARecord address = (ARecord) answers[0];
        assertThat(address.getName().toString(), equalTo("slavealloc." + ZONE + "."));
        assertThat(address.getAddress().getHostAddress(), equalTo(SERVICES_ADDRESS));
    }

    @Test
    void shouldLeaveServiceNamesAloneWhenAnotherMachineComesAndGoesOnTheirAddress() {
        String host = name("neighbour");
        String requestId = UUID.randomUUID().toString();
        String before = serviceRecords();

        bus.publish(booted(requestId, host, SERVICES_ADDRESS));
        bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host));
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer("-x", SERVICES_ADDRESS).contains(host));
        bus.publish(new DecommissionRequested(requestId, host, "vm-slot-1", false));
        bus.awaitEvent(DnsRecordRemoved.class, e -> e.hostname().equals(host));

        assertThat(serviceRecords(), equalTo(before));
        await().atMost(FOLLOWS).until(() -> !dig().shortAnswer("-x", SERVICES_ADDRESS).contains(host));
        assertThat(dig().shortAnswer("-x", SERVICES_ADDRESS).lines().toList(),
                hasItems("slavealloc." + ZONE + ".", "boot." + ZONE + "."));
        assertThat(dig().shortAnswer("slavealloc." + ZONE, "A"), equalTo(SERVICES_ADDRESS));
    }

    @Test
    void shouldRefuseAMachineNamedLikeAServiceNameAndKeepTheServiceRecords() {
        String service = name("svc");
        serviceNames.replaceWith(configuredAnd(service, "10.254.0.10"));
        try {
            bus.publish(booted(UUID.randomUUID().toString(), service, "10.0.9.9"));

            BusProbe.DeadLetter dead = bus.awaitDeadLetter("dns-service",
                    letter -> letter.reason().contains(service + "."));
            assertThat(dead.reason(), containsString(service + "." + ZONE + " is a service name of the environment"));
            when().get("/v1/records/{name}", service).then().statusCode(200)
                    .body("items.data", contains("10.254.0.10"))
                    .body("items.owner", contains("service:" + service));
            assertThat(dig().shortAnswer(service + "." + ZONE, "A"), equalTo("10.254.0.10"));
        } finally {
            serviceNames.replaceWith(configured);
        }
    }

    @Test
    void shouldListServiceNamesAndMarkTheirRecordsAsServiceNames() {
        when().get("/v1/service-names").then().statusCode(200)
                .body("items.name", hasItems("boot", "slavealloc"))
                .body("items.find { it.name == 'slavealloc' }.fqdn", equalTo("slavealloc." + ZONE))
                .body("items.find { it.name == 'slavealloc' }.address", equalTo(SERVICES_ADDRESS));
        when().get("/v1/records/{name}", "slavealloc").then().statusCode(200)
                .body("items.owner", contains("service:slavealloc"))
                .body("items.serviceName", contains(true));
        when().get("/v1/records?owner=service:boot").then().statusCode(200)
                .body("items.type", containsInAnyOrder("A", "PTR"))
                .body("items.serviceName", contains(true, true));
        String alias = name("alias");
        given().contentType(ContentType.JSON).body("{\"addresses\": [\"10.0.0.33\"]}")
                .put("/v1/aliases/{name}", alias).then().statusCode(201);
        when().get("/v1/records/{name}", alias).then().statusCode(200).body("items.serviceName", contains(false));
    }

    @Test
    void shouldRefuseAnAliasNamedLikeAServiceName() {
        given().contentType(ContentType.JSON).body("{\"addresses\": [\"10.0.0.34\"]}")
                .put("/v1/aliases/{name}", "slavealloc").then().statusCode(409)
                .body("detail", containsString("is a service name from configuration"));
    }

    @Test
    void shouldExportServiceNamesWithTheirZones() {
        when().get("/v1/zone/export").then().statusCode(200)
                .body(containsString("slavealloc." + ZONE + ".\t300\tIN\tA\t" + SERVICES_ADDRESS + "\n"))
                .body(containsString("boot." + ZONE + ".\t300\tIN\tA\t" + SERVICES_ADDRESS + "\n"));
        when().get("/v1/zone/export?zone=" + REVERSE_ZONE).then().statusCode(200)
                .body(containsString("1.0.254.10.in-addr.arpa.\t300\tIN\tPTR\tslavealloc." + ZONE + ".\n"));
    }

    @Test
    void shouldReplaceTheServiceNamesWithTheGivenSetAndChangeNothingWhenItIsAlreadySo() {
        String extra = name("svc");
        ServiceNames withExtra = configuredAnd(extra, "10.254.0.9");

        Map<String, Long> added = serviceNames.replaceWith(withExtra);

        assertThat(added.keySet(), containsInAnyOrder(ZONE + ".", REVERSE_ZONE + "."));
        DnsZoneChanged announced = bus.awaitEvent(DnsZoneChanged.class,
                e -> e.zone().equals(ZONE) && mentions(e.added(), extra));
        assertThat(announced.serial(), equalTo(added.get(ZONE + ".")));
        assertThat(announced.cause(), startsWith("service names from configuration: "));
        assertThat(announced.cause(), containsString(extra + "=10.254.0.9"));
        await().atMost(FOLLOWS).until(() -> dig().shortAnswer(extra + "." + ZONE, "A").equals("10.254.0.9"));

        long serial = serial();
        assertThat(serviceNames.replaceWith(withExtra), equalTo(Map.of()));
        assertThat(serial(), equalTo(serial));

        serviceNames.replaceWith(configured);

        bus.awaitEvent(DnsZoneChanged.class, e -> e.zone().equals(ZONE) && mentions(e.removed(), extra));
        assertThat(bus.events(DnsZoneChanged.class, e -> mentions(e.added(), extra)), hasSize(2));
        await().atMost(FOLLOWS).until(() -> dig().query(extra + "." + ZONE, "A").contains("status: NXDOMAIN"));
        assertThat(dig().shortAnswer("slavealloc." + ZONE, "A"), equalTo(SERVICES_ADDRESS));
    }

    @Test
    void shouldTakeTheNameOfAnAliasThatConfigurationMakesAServiceName() {
        String name = name("taken");
        given().contentType(ContentType.JSON).body("{\"addresses\": [\"10.254.0.7\"]}")
                .put("/v1/aliases/{name}", name).then().statusCode(201);

        serviceNames.replaceWith(configuredAnd(name, "10.254.0.7"));
        try {
            when().get("/v1/aliases/{name}", name).then().statusCode(404);
            when().get("/v1/records/{name}", name).then().statusCode(200)
                    .body("items.data", contains("10.254.0.7"))
                    .body("items.owner", contains("service:" + name));
            await().atMost(FOLLOWS).until(() -> dig().shortAnswer("-x", "10.254.0.7").equals(name + "." + ZONE + "."));
        } finally {
            serviceNames.replaceWith(configured);
        }
        when().get("/v1/records/{name}", name).then().statusCode(404);
    }

    /** The service names' records, as the API shows them, forward and reverse. */
    private static String serviceRecords() {
        return when().get("/v1/records/{name}", "slavealloc").asString()
                + when().get("/v1/records?owner=service:boot").asString()
                + when().get("/v1/records?owner=service:slavealloc").asString();
    }

    private ServiceNames configuredAnd(String name, String address) {
        Map<String, String> entries = new LinkedHashMap<>();
        configured.addresses().forEach((service, at) -> entries.put(service.value(), at.getHostAddress()));
        entries.put(name, address);
        return ServiceNames.of(entries);
    }

    private static boolean mentions(List<String> lines, String name) {
        return lines.stream().anyMatch(line -> line.startsWith(name + "." + ZONE + ".")
                || line.endsWith("\t" + name + "." + ZONE + "."));
    }

    private static MachineBooted booted(String requestId, String host, String address) {
        return new MachineBooted(requestId, host, "vm-" + host, "52:54:00:12:34:57", address,
                "releng-talos-linux64", "3", "sha256:0123", "talos", true, "production", "boot-1");
    }

    private static long serial() {
        return when().get("/v1/zone").then().statusCode(200).extract().jsonPath().getLong("serial");
    }

    private Dig dig() {
        return Dig.at(serving.port());
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
