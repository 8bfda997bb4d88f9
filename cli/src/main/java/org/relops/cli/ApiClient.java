package org.relops.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.relops.model.api.ListEnvelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Calls one service's REST API. An answer of 4xx or 5xx becomes a {@link ApiException} carrying the
 * problem-details detail (what was wrong and what is allowed), which the commands print as they are. A list
 * operation answers one page of its envelope ({@code items}, {@code total}, {@code page}, {@code size}):
 * {@link #list(String)} reads it page by page to its end.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The largest page a list operation answers. */
    static final int MAX_PAGE = 1000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final String service;

    /** A client of {@code service} at {@code base}, sending {@code token} (null or blank: none). */
    ApiClient(String base, String token, String service) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.service = service;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Every item of the list at {@code path} (which may have a query), in the list's order. */
    ArrayNode list(String path) {
        return list(path, Integer.MAX_VALUE);
    }

    /** The first {@code most} items of the list at {@code path}, or all of them if it holds fewer. */
    ArrayNode list(String path, int most) {
        ArrayNode items = JSON.createArrayNode();
        int size = Math.max(1, Math.min(MAX_PAGE, most));
        for (int page = 0; ; page++) {
            JsonNode answer = get(ListEnvelope.pageOf(path, page, size));
            JsonNode batch = ListEnvelope.items(answer);
            if (batch == null) {
                throw new ApiException(0, service + " at " + base + " did not answer " + path.replaceFirst("\\?.*", "")
                        + " with a list (items, total, page, size)");
            }
            for (JsonNode item : batch) {
                if (items.size() == most) {
                    return items;
                }
                items.add(item);
            }
            if (items.size() == most || !ListEnvelope.hasNext(answer, page, size)) {
                return items;
            }
        }
    }

    JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }

    /** Posts a document as it is (an inventory file), of the given content type. */
    JsonNode post(String path, String contentType, String document) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(document)));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
            if (response.statusCode() >= 400) {
                String detail = body.path("detail").asText(body.isTextual() ? body.asText() : response.body());
                if (response.statusCode() == 401) {
                    detail += token == null ? "; set RELOPS_TOKEN to a token of this RelOps environment (./relops token ROLE)"
                            : "; RELOPS_TOKEN holds a token this environment does not accept";
                }
                throw new ApiException(response.statusCode(), detail);
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(0, service + " at " + base + " does not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is relops running? (./relops status)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A call relops refused or could not answer: its status (0: no answer) and why. */
    static final class ApiException extends RuntimeException {

        final int status;

        ApiException(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }
}
