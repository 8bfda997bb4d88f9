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
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code ./relops demo} runs once the stack is up: asks request-service for machines, then
 * follows the request and prints each machine as it comes out (hostname, address, DNS name,
 * master) and what the request is waiting for while it waits. Exits 0 when the request is
 * fulfilled, 1 when it fails or does not finish in time.
 */
public final class DemoClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out = System.out;
    private final String requestService;

    private DemoClient(String requestService) {
        this.requestService = requestService;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        DemoClient client = new DemoClient(options.getOrDefault("request-service", "http://127.0.0.1:8080"));
        boolean fulfilled = client.run(options.getOrDefault("image", "relops-bare"),
                Integer.parseInt(options.getOrDefault("count", "3")),
                options.getOrDefault("app-environment", "production"),
                options.get("hardware-class"),
                Duration.parse("PT" + options.getOrDefault("timeout", "15m").toUpperCase()));
        System.exit(fulfilled ? 0 : 1);
    }

    private boolean run(String image, int count, String appEnvironment, String hardwareClass, Duration timeout)
            throws IOException, InterruptedException {
        Instant start = Instant.now();
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
        out.printf("  follow it: curl %s/v1/requests/%s%n%n", requestService, id);
        Set<String> shown = new HashSet<>();
        Map<String, String> lastStep = new HashMap<>();
        while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
            request = send(HttpRequest.newBuilder(URI.create(requestService + "/v1/requests/" + id)).GET());
            String state = request.path("state").asText();
            for (JsonNode machine : request.path("machines")) {
                if ("READY".equals(machine.path("state").asText()) && shown.add(machine.path("hostname").asText())) {
                    out.printf("  %-22s %-15s %-45s master %s   (%ds)%n", machine.path("hostname").asText(),
                            machine.path("address").asText(), machine.path("fqdn").asText(),
                            machine.path("master").asText("-"), Duration.between(start, Instant.now()).toSeconds());
                }
            }
            printProgress(request, lastStep);
            if ("FULFILLED".equals(state)) {
                out.printf("%nrequest %s fulfilled: %d machines ready in %d s%n", id, count,
                        Duration.between(start, Instant.now()).toSeconds());
                return true;
            }
            if ("FAILED".equals(state)) {
                out.printf("%nrequest %s failed: %s%n", id, request.path("reason").asText());
                return false;
            }
            Thread.sleep(POLL.toMillis()); // polling interval of a command-line follower
        }
        out.printf("%nrequest %s did not finish within %s; it is %s%n", id, timeout, request.path("step").asText());
        return false;
    }

    private void printProgress(JsonNode request, Map<String, String> lastStep) {
        String step = request.path("state").asText() + ": " + request.path("step").asText();
        if (!step.equals(lastStep.put("request", step))) {
            out.println("  .. " + step);
        }
    }

    private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
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
