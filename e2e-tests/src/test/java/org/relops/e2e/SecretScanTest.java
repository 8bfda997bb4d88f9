package org.relops.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.relops.model.auth.SigningKeys;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.testing.BusProbe;

import io.restassured.http.ContentType;

/**
 * Secrets stay secret: with known secret values in the stack (slavealloc's operator token and sealing key, every
 * virtual BMC's password, every worker password slavealloc handed out), a request goes through the whole flow and
 * is decommissioned, then every log file of the environment's services (of every end-to-end test before this one:
 * it runs last), every event seen on the bus meanwhile, every read API response and every export is scanned for
 * them: not one may show up. The one place a worker password belongs, the tac a slave fetches for itself, is where
 * the scan learns them and is not scanned.
 */
@Order(Integer.MAX_VALUE)
class SecretScanTest {

    private static final Pattern TAC_PASSWORD = Pattern.compile("passwd = '([^']+)'");
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
    void shouldShowNoSecretInAnyLogEventApiResponseOrExport() throws IOException {
        String id = stack.submit("relops-bare", 2, "simulated");
        stack.awaitRequest(id, "fulfilled", java.time.Duration.ofMinutes(2));
        Map<String, String> outputs = new LinkedHashMap<>();
        readApis(outputs, id);
        given().delete(stack.url("request-service") + "/v1/requests/" + id).then().statusCode(202);
        stack.awaitRequest(id, "decommissioned", java.time.Duration.ofMinutes(2));
        readApis(outputs, id);
        // the dashboard's snapshot, as a browser gets it, once the decommission reached it
        String dashboard = stack.dashboard().url() + "/v1/snapshot";
        String viewer = stack.token("e2e-secret-scan-viewer", org.relops.model.auth.Roles.VIEWER);
        await("the decommission on the dashboard").atMost(java.time.Duration.ofMinutes(1)).until(() -> given()
                .header("Authorization", "Bearer " + viewer).get(dashboard).then().statusCode(200).extract()
                .jsonPath().getList("requests.findAll { it.id == '" + id + "' }.state").equals(List.of("decommissioned")));
        outputs.put("dashboard snapshot", given().header("Authorization", "Bearer " + viewer).get(dashboard).then()
                .statusCode(200).extract().asString());
        for (CloudEvent event : bus.envelopes()) {
            outputs.put("event " + event.type() + " " + event.id(),
                    new String(EnvelopeCodec.encode(event), StandardCharsets.UTF_8));
        }
        try (Stream<Path> logs = Files.list(stack.logs())) {
            for (Path log : (Iterable<Path>) logs::iterator) {
                outputs.put("log " + log.getFileName(), Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }

        Map<String, String> secrets = secrets();
        assertFalse(secrets.isEmpty());
        List<String> hits = new ArrayList<>();
        secrets.forEach((what, secret) -> outputs.forEach((where, text) -> {
            if (text.contains(secret)) {
                hits.add(what + " in " + where);
            }
        }));
        System.out.printf("secret scan: %d secrets, %d outputs (%d events, %d bytes), %d hits%n", secrets.size(),
                outputs.size(), bus.envelopes().size(),
                outputs.values().stream().mapToLong(String::length).sum(), hits.size());
        assertEquals(List.of(), hits);
    }

    /** What no output may show: the stack's own secrets, the BMCs' passwords and the workers' passwords. */
    private static Map<String, String> secrets() throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the operator's access token", stack.operatorToken());
        secrets.put("the dashboard's access token", stack.dashboardToken());
        // a line from the middle of the environment's signing key (PEM)
        List<String> keyLines = Files.readAllLines(stack.accessKeys().resolve(SigningKeys.PRIVATE_FILE));
        secrets.put("the environment's token signing key", keyLines.get(keyLines.size() / 2));
        secrets.put("slavealloc's sealing key", RelopsStack.SLAVEALLOC_SECRETS_KEY);
        Path bmc = stack.baremetal().secrets().resolve("bmc");
        if (Files.isDirectory(bmc)) {
            try (Stream<Path> files = Files.list(bmc)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String credential = Files.readString(file).trim();
                    secrets.put("the BMC password of " + file.getFileName(),
                            credential.substring(credential.indexOf(':') + 1));
                }
            }
        }
        List<Map<String, Object>> slaves = given().get(stack.url("slavealloc-service") + "/api/slaves").then()
                .statusCode(200).extract().jsonPath().getList("$");
        for (Map<String, Object> slave : slaves) {
            String tac = given().get(stack.url("slavealloc-service") + "/gettac/" + slave.get("name")).then()
                    .extract().asString();
            Matcher password = TAC_PASSWORD.matcher(tac);
            if (password.find()) {
                secrets.put("the worker password of " + slave.get("name"), password.group(1));
            }
        }
        return secrets;
    }

    /** Every read of every service an operator or a dashboard makes, and the exports. */
    private static void readApis(Map<String, String> outputs, String requestId) {
        List<String> reads = new ArrayList<>(List.of(
                "request-service /v1/requests?size=1000", "request-service /v1/requests/" + requestId,
                "request-service /v1/image-health?size=1000", "inventory-service /v1/systems?size=1000",
                "inventory-service /v1/segments?size=1000", "inventory-service /v1/inventory/export",
                "imaging-service /v1/images?size=1000", "imaging-service /v1/machines?size=1000",
                "imaging-service /v1/rollouts?size=1000", "dns-service /v1/records?size=1000", "dns-service /v1/zone",
                "dns-service /v1/zone/export", "dns-service /v1/aliases?size=1000",
                "dns-service /v1/service-names?size=1000", "slavealloc-service /api/slaves",
                "slavealloc-service /api/masters", "slavealloc-service /api/pools"));
        for (String service : List.of("request-service", "inventory-service", "imaging-service", "dns-service",
                "slavealloc-service")) {
            reads.add(service + " /v1/dead-letters?size=1000");
            reads.add(service + " /v1/audit?size=1000");
            reads.add(service + " /q/metrics");
        }
        List<Map<String, Object>> machines = ApiLists.all(stack.url("imaging-service") + "/v1/machines");
        for (Map<String, Object> machine : machines) {
            reads.add("imaging-service /v1/machines/" + machine.get("hostname"));
            reads.add("imaging-service /v1/machines/" + machine.get("hostname") + "/console");
        }
        for (String read : reads) {
            String service = read.substring(0, read.indexOf(' '));
            String path = read.substring(read.indexOf(' ') + 1);
            String body = given().accept(ContentType.ANY).get(stack.url(service) + path).then().extract().asString();
            outputs.merge(read, body, (before, after) -> before + "\n" + after);
        }
    }
}
