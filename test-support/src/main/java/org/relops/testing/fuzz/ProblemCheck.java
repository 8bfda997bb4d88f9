package org.relops.testing.fuzz;

import java.net.http.HttpResponse;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contract every answer is held to: no 5xx, and every 4xx a problem-details body (RFC 9457: a JSON
 * object, {@code application/problem+json}, with a {@code title} and the answer's own {@code status}).
 */
final class ProblemCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemCheck() {
    }

    /** What is wrong with the answer, if anything. */
    static Optional<String> of(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return Optional.of("answered " + status + ": " + start(response.body()));
        }
        if (status < 400) {
            return Optional.empty();
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json") && !contentType.startsWith("application/json")) {
            return Optional.of("answered " + status + " as '" + contentType + "', not a problem-details body: "
                    + start(response.body()));
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem == null || !problem.path("title").isTextual() || problem.path("status").asInt() != status) {
                return Optional.of("answered " + status + " without a problem's title and status: "
                        + start(response.body()));
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.of("answered " + status + " with a body that is not JSON: " + start(response.body()));
        }
    }

    private static String start(String body) {
        return body == null ? "" : body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
