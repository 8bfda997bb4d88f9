package org.relops.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** What every command does alike: print relops' refusal as it said it, and JSON as it came. */
final class Commands {

    private Commands() {
    }

    static int run(Callable<Integer> command) {
        try {
            return command.call();
        } catch (ApiClient.ApiException e) {
            System.err.println("relops: " + (e.status == 0 ? "" : e.status + ": ") + e.getMessage());
            return RequestCommand.REFUSED;
        } catch (Exception e) {
            System.err.println("relops: " + e.getMessage());
            return RequestCommand.REFUSED;
        }
    }

    static void printJson(JsonNode node) throws JsonProcessingException {
        System.out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** {@code path} with the parameters that have a value as its query, each value URL-encoded, in their order. */
    static String withQuery(String path, java.util.Map<String, ?> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    /** A name as one segment of a URL path: a slash or a space in it cannot reach another resource. */
    static String pathSegment(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String imageOf(JsonNode request) {
        JsonNode version = request.path("imageVersion");
        return request.path("image").asText() + (version.isNull() || version.isMissingNode() ? "" : ":" + version.asText());
    }
}
