package org.relops.slavealloc.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What slavealloc asks a buildbot master's REST API ({@code /api/v2}, buildbot 3.7): whether the master is up
 * and active, and whether a worker is connected to it in a given boot. The worker's agent writes
 * {@code <hostname> boot <boot id>} to its {@code info/host}, which the master shows as
 * {@code workerinfo.host}: a connection left over from an earlier boot carries the earlier id.
 */
@ApplicationScoped
public class BuildbotApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Whether the master at {@code webUrl} answers and reports an active master. */
    public boolean masterActive(String webUrl) {
        return get(webUrl, "masters").map(body -> {
            for (JsonNode master : body.path("masters")) {
                if (master.path("active").asBoolean()) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    /** Whether the worker is connected to the master at {@code webUrl} in the boot {@code bootId}. */
    public boolean workerConnected(String webUrl, String worker, String bootId) {
        return get(webUrl, "workers/" + worker).map(body -> {
            JsonNode found = body.path("workers").path(0);
            return !found.path("connected_to").isEmpty()
                    && found.path("workerinfo").path("host").asText("").contains(bootId);
        }).orElse(false);
    }

    private java.util.Optional<JsonNode> get(String webUrl, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(webUrl + "api/v2/" + path))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? java.util.Optional.of(JSON.readTree(response.body()))
                    : java.util.Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
