package org.relops.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A buildbot master's REST API ({@code /api/v2}) as an operator uses it on a master relops provisioned:
 * is a worker connected, force a build on a worker's builder (the role's master.cfg has one builder per
 * worker, named after it, and the force scheduler {@code force}), follow that build to its end and read
 * its output.
 */
public final class BuildbotMaster {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    /** @param baseUrl the master's web address, e.g. {@code http://10.10.1.11:8010} */
    public BuildbotMaster(String baseUrl) {
        this.api = baseUrl.replaceAll("/+$", "") + "/api/v2";
    }

    /** A finished build: its number, buildbot's result code (0 success), the worker it ran on and its state. */
    public record Build(long id, int number, int results, String worker, String state) {

        public boolean succeeded() {
            return results == 0;
        }
    }

    /** Whether the master has a connection from this worker now. */
    public boolean connected(String worker) throws IOException, InterruptedException {
        return find("/workers/" + encode(worker), "workers")
                .map(found -> found.path("connected_to").size() > 0).orElse(false);
    }

    /** The {@code workerinfo.host} the connected worker reported (relops puts its boot id there). */
    public Optional<String> workerHost(String worker) throws IOException, InterruptedException {
        return find("/workers/" + encode(worker), "workers").map(found -> found.path("workerinfo").path("host").asText());
    }

    /** Forces a build on the builder named {@code builder}; returns its buildset id. */
    public long force(String builder, String reason) throws IOException, InterruptedException {
        long builderId = find("/builders/" + encode(builder), "builders")
                .orElseThrow(() -> new IOException("the master at " + api + " has no builder " + builder))
                .path("builderid").asLong();
        Map<String, Object> call = Map.of("jsonrpc", "2.0", "method", "force", "id", 1,
                "params", Map.of("builderid", String.valueOf(builderId), "reason", reason));
        JsonNode reply = send(HttpRequest.newBuilder(URI.create(api + "/forceschedulers/force"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call))));
        if (reply.has("error")) {
            throw new IOException("the master refused to force a build on " + builder + ": "
                    + reply.path("error").path("message").asText());
        }
        return reply.path("result").path(0).asLong();
    }

    /** Waits until the build of a forced buildset has finished; empty if it did not within the time given. */
    public Optional<Build> awaitBuild(long buildsetId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> request = find("/buildrequests?buildsetid=" + buildsetId, "buildrequests");
            if (request.isPresent()) {
                Optional<JsonNode> build = find("/builds?complete=true&buildrequestid="
                        + request.get().path("buildrequestid").asLong(), "builds");
                if (build.isPresent()) {
                    JsonNode found = build.get();
                    String worker = find("/workers/" + found.path("workerid").asLong(), "workers")
                            .map(w -> w.path("name").asText()).orElse("?");
                    return Optional.of(new Build(found.path("buildid").asLong(), found.path("number").asInt(),
                            found.path("results").asInt(-1), worker, found.path("state_string").asText()));
                }
            }
            Thread.sleep(POLL.toMillis()); // polling a remote REST API: there is nothing to wait on locally
        }
        return Optional.empty();
    }

    /** The output (stdio log) of one step of a build. */
    public String stepOutput(Build build, String step) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/builds/" + build.id()
                + "/steps/" + encode(step) + "/logs/stdio/raw")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("no output of step " + step + " of build " + build.id() + " (" + response.statusCode() + ")");
        }
        return response.body();
    }

    private Optional<JsonNode> find(String path, String collection) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("the master answered " + response.statusCode() + " to " + path);
        }
        JsonNode items = JSON.readTree(response.body()).path(collection);
        return items.size() == 0 ? Optional.empty() : Optional.of(items.get(0));
    }

    private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IOException("the master answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
