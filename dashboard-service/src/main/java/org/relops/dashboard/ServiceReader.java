package org.relops.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Reads one {@link Source} from the API of the service that owns it, as a viewer. A paginated list (inventory's
 * systems) is read page by page to its end.
 */
@ApplicationScoped
class ServiceReader {

    /** Inventory's largest page. */
    static final int PAGE_SIZE = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    DashboardConfig config;

    @Inject
    ObjectMapper json;

    JsonNode read(Source source) throws IOException, InterruptedException {
        String base = source.service.apply(config.services()) + source.path;
        if (source != Source.SYSTEMS) {
            return get(base);
        }
        ArrayNode systems = json.createArrayNode();
        for (int page = 0; ; page++) {
            JsonNode batch = get(base + "?size=" + PAGE_SIZE + "&page=" + page);
            systems.addAll((ArrayNode) batch);
            if (batch.size() < PAGE_SIZE) {
                return systems;
            }
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token())
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
            throw new IOException("cannot reach " + url.replaceFirst("\\?.*", "") + " ("
                    + (e instanceof java.net.ConnectException ? "connection refused" : "no answer in time") + ")", e);
        }
        if (response.statusCode() != 200) {
            // a problem-details body says why; its title is enough for the page (never the token)
            String title = titleOf(response.body());
            throw new IOException(url.replaceFirst("\\?.*", "") + " answered " + response.statusCode()
                    + (title.isEmpty() ? "" : " (" + title + ")"));
        }
        JsonNode body = json.readTree(response.body());
        if (!body.isArray()) {
            throw new IOException(url.replaceFirst("\\?.*", "") + " did not answer a list");
        }
        return body;
    }

    private String titleOf(byte[] body) {
        try {
            return body.length == 0 ? "" : json.readTree(body).path("title").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private String token() throws IOException {
        try {
            return Files.readString(config.tokenFile()).trim();
        } catch (IOException e) {
            throw new IOException("cannot read the dashboard's viewer token from " + config.tokenFile() + ": "
                    + e.getMessage(), e);
        }
    }
}
