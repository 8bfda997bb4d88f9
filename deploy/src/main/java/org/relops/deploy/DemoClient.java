package org.relops.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code ./relops demo} runs once the stack is up: asks request-service for a buildbot master, then for
 * slaves, follows each request and prints every machine as it comes out (hostname, address, DNS name, master)
 * and what the request is waiting for while it waits; then forces a build on every slave through its master's
 * REST API and prints how it ended and the toolchain it ran with. Exits 0 when every request is fulfilled and
 * every build succeeded, 1 otherwise. States are compared in any case (the API writes them lower case). {@code --master-image none} asks for the machines alone (for images
 * with no buildbot role, such as {@code relops-bare}).
 */
public final class DemoClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out = System.out;
    private final String requestService;
    private final Instant start = Instant.now();

    private DemoClient(String requestService) {
        this.requestService = requestService;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        DemoClient client = new DemoClient(options.getOrDefault("request-service", "http://127.0.0.1:8080"));
        boolean done = client.run(options.getOrDefault("master-image", "releng-buildmaster"),
                options.getOrDefault("image", "releng-talos-linux64"),
                Integer.parseInt(options.getOrDefault("count", "3")),
                options.getOrDefault("app-environment", "production"),
                options.get("hardware-class"),
                Duration.parse("PT" + options.getOrDefault("timeout", "20m").toUpperCase()));
        System.exit(done ? 0 : 1);
    }

    private boolean run(String masterImage, String image, int count, String appEnvironment, String hardwareClass,
            Duration timeout) throws IOException, InterruptedException {
        Map<String, String> masterAddresses = new HashMap<>();
        if (!"none".equals(masterImage)) {
            JsonNode masters = follow(masterImage, 1, appEnvironment, hardwareClass, timeout);
            if (masters == null) {
                return false;
            }
            for (JsonNode master : masters.path("machines")) {
                masterAddresses.put(master.path("hostname").asText(), master.path("address").asText());
                out.printf("  master %s: REST API at http://%s:8010/api/v2 (%s)%n%n", master.path("hostname").asText(),
                        master.path("address").asText(), master.path("webUrl").asText());
            }
        }
        JsonNode slaves = follow(image, count, appEnvironment, hardwareClass, timeout);
        if (slaves == null) {
            return false;
        }
        return masterAddresses.isEmpty() || buildOnEvery(slaves, masterAddresses);
    }

    /** Forces a build on every slave through its master and prints its outcome; true if all succeeded. */
    private boolean buildOnEvery(JsonNode request, Map<String, String> masterAddresses)
            throws IOException, InterruptedException {
        out.println();
        boolean allSucceeded = true;
        for (JsonNode machine : request.path("machines")) {
            String slave = machine.path("hostname").asText();
            String address = masterAddresses.get(machine.path("master").asText());
            if (address == null) {
                out.printf("  %-22s its master %s is not one this demo asked for: no build forced%n", slave,
                        machine.path("master").asText("-"));
                continue;
            }
            BuildbotMaster master = new BuildbotMaster("http://" + address + ":8010");
            long buildset = master.force(slave, "relops demo");
            Optional<BuildbotMaster.Build> build = master.awaitBuild(buildset, BUILD_TIMEOUT);
            if (build.isEmpty()) {
                out.printf("  %-22s build did not finish within %s%n", slave, BUILD_TIMEOUT);
                allSucceeded = false;
                continue;
            }
            String compiler = master.stepOutput(build.get(), "toolchain").lines()
                    .filter(line -> line.startsWith("ogcc ") || line.startsWith("gcc "))
                    .map(line -> line.replaceFirst("^o", "")).findFirst().orElse("no gcc line");
            out.printf("  %-22s build %d on %s: %s, %s (%ds)%n", slave, build.get().number(), build.get().worker(),
                    build.get().succeeded() ? "success" : "FAILED (" + build.get().state() + ")", compiler,
                    Duration.between(start, Instant.now()).toSeconds());
            allSucceeded &= build.get().succeeded();
        }
        out.printf("%n%s in %d s%n", allSucceeded ? "every slave built" : "not every slave built",
                Duration.between(start, Instant.now()).toSeconds());
        return allSucceeded;
    }

    /** Asks for machines and follows the request; its last view when fulfilled, null when it failed or timed out. */
    private JsonNode follow(String image, int count, String appEnvironment, String hardwareClass, Duration timeout)
            throws IOException, InterruptedException {
        Instant asked = Instant.now();
        Map<String, Object> ask = new HashMap<>(Map.of("image", image, "count", count, "appEnvironment", appEnvironment));
        if (hardwareClass != null) {
            ask.put("constraints", Map.of("hardwareClass", hardwareClass));
        }
        String body = JSON.writeValueAsString(ask);
        JsonNode request = send(HttpRequest.newBuilder(URI.create(requestService + "/v1/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String id = request.path("id").asText();
        out.printf("request %s accepted: %d x %s for %s%n", id, count, image, appEnvironment);
        out.printf("  follow it: ./relops request show %s%n%n", id);
        Set<String> shown = new HashSet<>();
        Map<String, String> lastStep = new HashMap<>();
        while (Duration.between(asked, Instant.now()).compareTo(timeout) < 0) {
            request = send(HttpRequest.newBuilder(URI.create(requestService + "/v1/requests/" + id)).GET());
            String state = request.path("state").asText();
            for (JsonNode machine : request.path("machines")) {
                if ("ready".equalsIgnoreCase(machine.path("state").asText()) && shown.add(machine.path("hostname").asText())) {
                    out.printf("  %-22s %-15s %-45s master %s   (%ds)%n", machine.path("hostname").asText(),
                            machine.path("address").asText(), machine.path("fqdn").asText(),
                            machine.path("master").asText("-"), Duration.between(start, Instant.now()).toSeconds());
                }
            }
            printProgress(request, lastStep);
            if ("fulfilled".equalsIgnoreCase(state)) {
                out.printf("%nrequest %s fulfilled: %d machines ready in %d s%n", id, count,
                        Duration.between(asked, Instant.now()).toSeconds());
                return request;
            }
            if ("failed".equalsIgnoreCase(state)) {
                out.printf("%nrequest %s failed: %s%n", id, request.path("reason").asText());
                return null;
            }
            Thread.sleep(POLL.toMillis()); // polling interval of a command-line follower
        }
        out.printf("%nrequest %s did not finish within %s; it is %s%n", id, timeout, request.path("step").asText());
        return null;
    }

    private void printProgress(JsonNode request, Map<String, String> lastStep) {
        String step = request.path("state").asText() + ": " + request.path("step").asText();
        if (!step.equals(lastStep.put("request", step))) {
            out.println("  .. " + step);
        }
    }

    private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        // The access token is a secret: from the environment, never an argument.
        String token = System.getenv("RELOPS_TOKEN");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IOException("request-service answered " + response.statusCode() + ": "
                    + body.path("detail").asText(response.body()));
        }
        return body;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
