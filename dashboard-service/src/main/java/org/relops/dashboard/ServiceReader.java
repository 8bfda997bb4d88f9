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

import org.relops.model.api.ListEnvelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Reads one {@link Source} from the API of the service that owns it, as a viewer, as one array of all its items:
 * a list in the envelope of every /v1 list is read page by page to its end, slavealloc's bare array as it is.
 */
@ApplicationScoped
class ServiceReader {

    /** The largest page a list operation answers. */
    static final int PAGE_SIZE = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    DashboardConfig config;

    @Inject
    ObjectMapper json;

    ArrayNode read(Source source) throws IOException, InterruptedException {
        String url = source.service.apply(config.services()) + source.path;
        return source.answer == Source.Answer.ARRAY ? list(get(url), url) : allPages(url);
    }

    /** Every item of a list in the envelope, in its order: the next page while {@code (page + 1) * size < total}. */
    private ArrayNode allPages(String url) throws IOException, InterruptedException {
        ArrayNode items = json.createArrayNode();
        for (int page = 0; ; page++) {
            JsonNode answer = get(ListEnvelope.pageOf(url, page, PAGE_SIZE));
            items.addAll(list(answer.path("items"), url));
            if (!ListEnvelope.hasNext(answer, page, PAGE_SIZE)) {
                return items;
            }
        }
    }

    private static ArrayNode list(JsonNode node, String url) throws IOException {
        if (!node.isArray()) {
            throw new IOException(url.replaceFirst("\\?.*", "") + " did not answer a list");
        }
        return (ArrayNode) node;
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
        return json.readTree(response.body());
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
