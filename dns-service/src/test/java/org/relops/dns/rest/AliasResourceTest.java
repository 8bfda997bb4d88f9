package org.relops.dns.rest;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relops.model.event.DnsRecordPublished;
import org.relops.model.event.DnsZoneChanged;
import org.relops.model.event.MachineBooted;
import org.relops.dns.TestBus;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AliasResourceTest {

    private static final String ZONE = "test.relops.example";

    private final BusProbe bus = TestBus.probe();

    @Test
    void shouldCreateAliasAsCnameToAHostInTheZone() {
        String name = name("puppet");

        put(name, "{\"target\": \"bm-puppet01\"}").statusCode(201)
                .body("name", equalTo(name))
                .body("fqdn", equalTo(name + "." + ZONE))
                .body("type", equalTo("CNAME"))
                .body("target", equalTo("bm-puppet01." + ZONE));

        when().get("/v1/records/{name}", name).then().statusCode(200)
                .body("items.type", contains("CNAME"))
                .body("items.data", contains("bm-puppet01." + ZONE + "."))
                .body("items.owner", contains("alias:" + name));
        DnsZoneChanged changed = bus.awaitEvent(DnsZoneChanged.class, e -> e.cause().equals("alias " + name + " created"));
        assertThat(changed.added(), contains(containsString("CNAME")));
    }

    @Test
    void shouldCreateAliasWithAddresses() {
        String name = name("slavealloc");

        put(name, "{\"addresses\": [\"10.0.0.84\", \"fd00::84\"], \"ttl\": 60}").statusCode(201)
                .body("type", equalTo("A/AAAA"))
                .body("addresses", containsInAnyOrder("10.0.0.84", "fd00:0:0:0:0:0:0:84"))
                .body("ttl", equalTo(60));

        when().get("/v1/aliases/{name}", name).then().statusCode(200).body("addresses", hasItem("10.0.0.84"));
    }

    @Test
    void shouldRepointAliasAndSayItChanged() {
        String name = name("buildapi");
        put(name, "{\"target\": \"web1\"}").statusCode(201);

        put(name, "{\"target\": \"web2.example.net\"}").statusCode(200).body("target", equalTo("web2.example.net"));

        when().get("/v1/records/{name}", name).then().body("items.data", contains("web2.example.net."));
    }

    @Test
    void shouldListAliases() {
        String name = name("imaging");
        put(name, "{\"addresses\": [\"10.0.0.82\"]}").statusCode(201);

        when().get("/v1/aliases").then().statusCode(200).body("items.name", hasItem(name));
    }

    @Test
    void shouldDeleteAlias() {
        String name = name("clobberer");
        put(name, "{\"target\": \"web1\"}").statusCode(201);

        when().delete("/v1/aliases/{name}", name).then().statusCode(204);

        when().get("/v1/aliases/{name}", name).then().statusCode(404);
        when().get("/v1/records/{name}", name).then().statusCode(404);
        when().delete("/v1/aliases/{name}", name).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseAliasWithTargetAndAddresses() {
        problem(put(name("both"), "{\"target\": \"web1\", \"addresses\": [\"10.0.0.1\"]}"), 400, "not both");
    }

    @Test
    void shouldRefuseAliasWithNeitherTargetNorAddresses() {
        problem(put(name("none"), "{\"ttl\": 60}"), 400, "either 'target'");
    }

    @Test
    void shouldRefuseAliasWhoseNameIsNotALabel() {
        problem(put("not_a_label", "{\"target\": \"web1\"}"), 400, "not a DNS label");
    }

    @Test
    void shouldRefuseAliasWithBadAddress() {
        problem(put(name("badaddr"), "{\"addresses\": [\"10.0.0.300\"]}"), 400, "not an IPv4 or IPv6 address");
    }

    @Test
    void shouldRefuseAliasWithNegativeTtl() {
        problem(put(name("ttl"), "{\"target\": \"web1\", \"ttl\": -5}"), 400, "ttl");
    }

    @Test
    void shouldRefuseAliasWithUnknownField() {
        problem(put(name("field"), "{\"cname\": \"web1\"}"), 400, "unknown field 'cname'");
    }

    @Test
    void shouldRefuseAliasWithoutBody() {
        problem(given().contentType(ContentType.JSON).put("/v1/aliases/{name}", name("empty")).then(), 400, "body");
    }

    @Test
    void shouldRefuseAliasPointingAtItself() {
        String name = name("self");
        problem(put(name, "{\"target\": \"" + name + "\"}"), 400, "itself");
    }

    @Test
    void shouldRefuseAliasOnAMachineName() {
        String host = name("bld");
        bus.publish(new MachineBooted(UUID.randomUUID().toString(), host, "vm-1", "52:54:00:00:00:01", "10.9.0.1",
                "releng", "1", "sha256:00", "builder", true, "production", "boot-1"));
        bus.awaitEvent(DnsRecordPublished.class, e -> e.hostname().equals(host));

        problem(put(host, "{\"target\": \"web1\"}"), 409, "machine:" + host);
    }

    private static ValidatableResponse put(String name, String json) {
        return given().contentType(ContentType.JSON).body(json).put("/v1/aliases/{name}", name).then();
    }

    private static void problem(ValidatableResponse response, int status, String detail) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
