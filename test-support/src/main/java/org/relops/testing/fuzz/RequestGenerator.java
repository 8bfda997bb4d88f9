package org.relops.testing.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds the next fuzzed request for an operation: path and query parameters that are hostile, of the wrong
 * type, empty or (now and then) fitting, unknown and repeated query parameters, header parameters, an odd
 * {@code Accept}, and a body from {@link BodyMutations}.
 */
final class RequestGenerator {

    /**
     * The longest path and query sent: the HTTP server refuses a longer request line itself (414, before any
     * application code runs), which says nothing about the service.
     */
    private static final int MAX_TARGET = 4_000;
    private static final List<String> ODD_ACCEPTS = List.of("application/xml", "image/png", "text/html;q=0",
            "*/*;q=garbage", "application/problem+json");

    private final Schemas schemas;
    private final HostileValues hostile;
    private final BodyMutations bodies;
    private final FuzzRules rules;
    private final Random random;

    RequestGenerator(Schemas schemas, FuzzRules rules, Random random) {
        this.schemas = schemas;
        this.hostile = new HostileValues(random);
        this.bodies = new BodyMutations(schemas, hostile);
        this.rules = rules;
        this.random = random;
    }

    FuzzedRequest next(ApiOperation operation) {
        List<String> variant = new ArrayList<>();
        String target = path(operation, variant) + query(operation, variant);
        while (target.length() > MAX_TARGET) {
            variant.clear();
            target = path(operation, variant) + query(operation, variant);
        }
        Map<String, String> headers = new LinkedHashMap<>(rules.headers);
        for (ApiOperation.Parameter header : operation.parametersIn("header")) {
            if (random.nextInt(3) > 0) {
                headers.put(header.name(), Encoding.headerValue(value(header, variant)));
            }
        }
        if (random.nextInt(15) == 0) {
            headers.put("Accept", ODD_ACCEPTS.get(random.nextInt(ODD_ACCEPTS.size())));
            variant.add("accept:" + headers.get("Accept"));
        }
        byte[] body = null;
        BodyMutations.Body chosen = null;
        if (!operation.bodies().isEmpty()) {
            List<String> mediaTypes = new ArrayList<>(operation.bodies().keySet());
            String mediaType = mediaTypes.get(random.nextInt(mediaTypes.size()));
            chosen = bodies.next(mediaType, operation.bodies().get(mediaType), rules.unreadableBodiesOnly(operation));
        } else if (!operation.method().equals("GET") && random.nextInt(8) == 0) {
            chosen = bodies.unasked();
        }
        if (chosen != null) {
            body = chosen.bytes();
            if (chosen.contentType() != null) {
                headers.put("Content-Type", chosen.contentType());
            }
            variant.add("body:" + chosen.variant());
        }
        return new FuzzedRequest(operation, operation.method(), target, headers, body, String.join(", ", variant));
    }

    private String path(ApiOperation operation, List<String> variant) {
        String path = operation.path();
        for (ApiOperation.Parameter parameter : operation.parametersIn("path")) {
            String value = value(parameter, variant);
            boolean raw = Encoding.safeRaw(value) && random.nextInt(4) == 0;
            path = path.replace("{" + parameter.name() + "}", raw ? value : Encoding.pathSegment(value));
        }
        return path;
    }

    private String query(ApiOperation operation, List<String> variant) {
        StringBuilder query = new StringBuilder();
        Map<String, String> pinned = rules.pinnedQueryOf(operation);
        pinned.forEach((name, value) -> append(query, name, value));
        for (ApiOperation.Parameter parameter : operation.parametersIn("query")) {
            if (pinned.containsKey(parameter.name()) || random.nextInt(4) == 0) {
                continue;
            }
            append(query, parameter.name(), value(parameter, variant));
            if (random.nextInt(20) == 0) {
                append(query, parameter.name(), hostile.forUrl());
                variant.add("repeated:" + parameter.name());
            }
        }
        if (random.nextInt(10) == 0) {
            append(query, "fuzz" + random.nextInt(100), hostile.forUrl());
            variant.add("unknown-query-parameter");
        }
        return query.length() == 0 ? "" : "?" + query;
    }

    private static void append(StringBuilder query, String name, String value) {
        query.append(query.length() == 0 ? "" : "&").append(Encoding.form(name)).append('=').append(Encoding.form(value));
    }

    /** A parameter's value: an example the rules give, one that fits its schema, or a hostile one. */
    private String value(ApiOperation.Parameter parameter, List<String> variant) {
        List<String> examples = rules.examples.getOrDefault(parameter.name(), List.of());
        int kind = random.nextInt(4);
        if (kind == 0 && !examples.isEmpty()) {
            return examples.get(random.nextInt(examples.size()));
        }
        if (kind == 1) {
            return schemas.fitting(parameter.schema(), random).asText();
        }
        variant.add("hostile:" + parameter.name());
        return hostile.forUrl();
    }
}
