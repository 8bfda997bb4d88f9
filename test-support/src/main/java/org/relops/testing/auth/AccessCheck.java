package org.relops.testing.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.relops.model.auth.Roles;
import org.relops.testing.ServiceUnderTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a running service's access rules through its own OpenAPI document: every operation either
 * names the roles it needs ({@code security}) or is one of the few the caller declares public. Each
 * secured operation must refuse a call without a token, with another environment's token, a forged
 * one and an expired one (401, problem details, a Bearer challenge) and one of every role that does
 * not include a needed one (403, problem details), and must let the least role that suffices through.
 * Path parameters get a name that exists nowhere, so no call reaches a real record.
 */
public final class AccessCheck {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "access-probe";
    /** What each role may do, as every service maps them (service-support's roles mapping). */
    private static final Map<String, Set<String>> GRANTS = Map.of(
            Roles.VIEWER, Set.of(Roles.VIEWER),
            Roles.REQUESTER, Set.of(Roles.REQUESTER, Roles.VIEWER),
            Roles.OPERATOR, Set.of(Roles.OPERATOR, Roles.REQUESTER, Roles.VIEWER));

    private final String base;
    private final String name;
    private final Set<String> publicOperations = new TreeSet<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN).build();

    private AccessCheck(String base, String name) {
        this.base = base;
        this.name = name;
    }

    /** A check of the service a {@code @QuarkusTest} started. */
    public static AccessCheck againstTheServiceUnderTest(String name) {
        return new AccessCheck(ServiceUnderTest.baseUrl(), name);
    }

    /** Operations open to anybody, as {@code "GET /gettac/{slave}"}: each must exist and name no role. */
    public AccessCheck publicOperations(String... operations) {
        publicOperations.addAll(List.of(operations));
        return this;
    }

    /** Runs every check; the failures, one line each (empty when the service holds to its rules). */
    public List<String> run() {
        List<String> failures = new ArrayList<>();
        Set<String> seenPublic = new TreeSet<>();
        int secured = 0;
        JsonNode document = get("/q/openapi?format=json");
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (!List.of("get", "put", "post", "delete", "patch").contains(entry.getKey())) {
                    continue;
                }
                String key = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                Set<String> needed = neededRoles(operation);
                if (needed.isEmpty()) {
                    seenPublic.add(key);
                    if (!publicOperations.contains(key)) {
                        failures.add(key + ": names no role in its OpenAPI document, and is not declared public");
                    }
                    continue;
                }
                secured++;
                if (publicOperations.contains(key)) {
                    failures.add(key + ": declared public, but needs " + needed);
                }
                check(key, path.getKey(), operation, needed, failures);
            }
        }
        for (String declared : publicOperations) {
            if (!seenPublic.contains(declared)) {
                failures.add(declared + ": declared public, but the OpenAPI document has no such open operation");
            }
        }
        System.out.println(name + ": " + secured + " secured operations, " + seenPublic.size() + " public; "
                + failures.size() + " failures" + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures)));
        return failures;
    }

    private void check(String key, String template, JsonNode operation, Set<String> needed, List<String> failures) {
        String method = key.substring(0, key.indexOf(' '));
        String target = target(template, operation);
        String mediaType = operation.path("requestBody").path("content").fieldNames().hasNext()
                ? operation.path("requestBody").path("content").fieldNames().next() : null;
        String allowedRole = Roles.ALL.stream().filter(role -> intersects(GRANTS.get(role), needed)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " needs " + needed + ": no role of " + Roles.ALL + " has it"));
        Map<String, String> refusedTokens = Map.of(
                "no token", "",
                "another environment's token", TestTokens.ofOtherEnvironment(allowedRole),
                "a forged token", TestTokens.forged(allowedRole),
                "an expired token", TestTokens.expired(allowedRole));
        refusedTokens.forEach((what, token) -> {
            HttpResponse<String> answer = send(method, target, mediaType, token);
            if (answer.statusCode() != 401 || !isProblem(answer)
                    || !answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                failures.add(key + " with " + what + ": " + describe(answer) + ", not a 401 problem with a Bearer challenge");
            }
        });
        for (String role : Roles.ALL) {
            HttpResponse<String> answer = send(method, target, mediaType, TestTokens.of(role));
            boolean allowed = intersects(GRANTS.get(role), needed);
            if (!allowed && (answer.statusCode() != 403 || !isProblem(answer))) {
                failures.add(key + " as " + role + " (needs " + needed + "): " + describe(answer) + ", not a 403 problem");
            }
            if (allowed && (answer.statusCode() == 401 || answer.statusCode() == 403)) {
                failures.add(key + " as " + role + " (needs " + needed + "): refused with " + describe(answer));
            }
        }
    }

    private static Set<String> neededRoles(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        return roles;
    }

    /** The template with every path parameter a value that names nothing (the first of a pattern's choices). */
    private static String target(String template, JsonNode operation) {
        String target = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            String pattern = parameter.path("schema").path("pattern").asText("");
            String value = pattern.isEmpty() ? PROBE : pattern.replaceAll("[()^$]", "").split("\\|")[0];
            if (parameter.path("in").asText().equals("path")) {
                target = target.replace("{" + parameter.path("name").asText() + "}", value);
            } else if (parameter.path("in").asText().equals("query") && parameter.path("name").asText().equals("messageId")) {
                // a replay without a message id would put back every dead letter
                query.append(query.length() == 0 ? "?" : "&").append("messageId=").append(PROBE);
            }
        }
        return target.replaceAll("\\{[^}]*}", PROBE) + query;
    }

    private HttpResponse<String> send(String method, String target, String mediaType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target)).timeout(ANSWER_WITHIN)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (mediaType != null) {
            request.header("Content-Type", mediaType);
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(name + " did not answer " + method + " " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(ANSWER_WITHIN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError(name + " answered " + answer.statusCode() + " for " + path);
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(name + " did not serve " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isProblem(HttpResponse<String> answer) {
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            return JSON.readTree(answer.body()).path("status").asInt() == answer.statusCode();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean intersects(Set<String> granted, Set<String> needed) {
        return needed.stream().anyMatch(granted::contains);
    }

    private static String describe(HttpResponse<String> answer) {
        String body = answer.body() == null ? "" : answer.body();
        return answer.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }
}
