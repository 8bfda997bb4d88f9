package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Two RelOps environments side by side on one host, each with its own vhost, databases, zone, network
 * namespace and segments: the same unqualified name ({@code slavealloc}) resolves, for each environment's
 * machines, to that environment's own service, and one environment's network has no path to the other's
 * machines.
 */
@Tag("vm")
class EnvironmentIsolationTest {

    private static final Duration BOOT = Duration.ofMinutes(8);

    private static RelopsStack production;
    private static RelopsStack staging;

    @BeforeAll
    static void startStacks() {
        production = RelopsStack.shared();
        staging = RelopsStack.shared(RelopsStack.STAGING);
    }

    @Test
    void shouldResolveTheSameNameToEachEnvironmentsOwnServiceAndKeepTheirNetworksApart() throws Exception {
        String productionRequest = submit(production);
        String stagingRequest = submit(staging);
        JsonPath inProduction = awaitFulfilled(production, productionRequest);
        JsonPath inStaging = awaitFulfilled(staging, stagingRequest);
        String productionHost = inProduction.getString("machines[0].hostname");
        String stagingHost = inStaging.getString("machines[0].hostname");
        String productionAddress = inProduction.getString("machines[0].address");
        String stagingAddress = inStaging.getString("machines[0].address");

        // Each environment's DNS, where its machines ask (port 53 of its services address), names its own slavealloc.
        String productionServices = production.network().servicesAddress();
        String stagingServices = staging.network().servicesAddress();
        assertNotEquals(productionServices, stagingServices);
        assertEquals(productionServices, DnsQuery.addressOf("slavealloc." + RelopsStack.PRODUCTION.zone(),
                productionServices, 53));
        assertEquals(stagingServices, DnsQuery.addressOf("slavealloc." + RelopsStack.STAGING.zone(),
                stagingServices, 53));

        // Inside each machine, the unqualified name resolves through its search path to its own environment's
        // services address.
        assertResolvesInside(production, productionHost, productionAddress, "slavealloc", productionServices);
        assertResolvesInside(staging, stagingHost, stagingAddress, "slavealloc", stagingServices);

        // The host reaches both; staging's network (its machines' only router) has no path to production's.
        assertTrue(InetAddress.getByName(productionAddress).isReachable(5000), "host -> " + productionAddress);
        assertTrue(InetAddress.getByName(stagingAddress).isReachable(5000), "host -> " + stagingAddress);
        assertEquals(0, inNamespace(RelopsStack.STAGING.networkNamespace(), "ip", "route", "get", stagingAddress));
        assertNotEquals(0, inNamespace(RelopsStack.STAGING.networkNamespace(), "ip", "route", "get",
                productionAddress), "staging's network must have no route to production's machine");
        assertNotEquals(0, inNamespace(RelopsStack.PRODUCTION.networkNamespace(), "ip", "route", "get",
                stagingAddress), "production's network must have no route to staging's machine");

        decommission(production, productionRequest);
        decommission(staging, stagingRequest);
    }

    private static String submit(RelopsStack stack) {
        return given().contentType(ContentType.JSON)
                .body("{\"image\":\"relops-bare\",\"count\":1,\"appEnvironment\":\"production\","
                        + "\"constraints\":{\"hardwareClass\":\"qemu-vm\"}}")
                .post(stack.url("request-service") + "/v1/requests").then().statusCode(202).extract().path("id");
    }

    private static JsonPath awaitFulfilled(RelopsStack stack, String id) {
        return awaitState(stack, id, "fulfilled", BOOT);
    }

    private static JsonPath awaitState(RelopsStack stack, String id, String state, Duration atMost) {
        String url = stack.url("request-service") + "/v1/requests/" + id;
        await("request " + id + " " + state).atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> state.equals(given().get(url).then().extract().path("state")));
        return given().get(url).then().extract().jsonPath();
    }

    /** Over SSH, inside the machine: busybox's nslookup of an unqualified name, through its search path. */
    private static void assertResolvesInside(RelopsStack stack, String hostname, String address, String name,
            String expected) {
        org.relops.testing.OperatorKey.Result answer = stack.operatorKey().ssh(address,
                stack.root().resolve("e2e-tests/target/ssh/known_hosts-" + stack.environment().name() + "-" + hostname),
                false, "nslookup " + name);
        assertTrue(answer.output().contains(name + "." + stack.environment().zone())
                && answer.output().contains("Address: " + expected), hostname + ": " + answer.output());
    }

    private static void decommission(RelopsStack stack, String id) {
        given().delete(stack.url("request-service") + "/v1/requests/" + id + "?wipe=true").then().statusCode(202);
        awaitState(stack, id, "decommissioned", Duration.ofMinutes(2));
    }

    /** Runs a command in a network namespace; its exit code. */
    private static int inNamespace(String namespace, String... command) throws IOException, InterruptedException {
        List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(full + " did not finish");
        }
        return process.exitValue();
    }

}
