package org.relops.testing.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of an OpenAPI document, as far as a fuzzer needs it: method, path template, parameters and
 * the request bodies it accepts, by media type, with every {@code $ref} left for {@link Schemas} to resolve.
 */
record ApiOperation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies) {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** A path, query or header parameter and its schema. */
    record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    /** {@code POST /v1/images/{name}/versions}: how rules and reports name an operation. */
    String key() {
        return method + " " + path;
    }

    List<Parameter> parametersIn(String in) {
        return parameters.stream().filter(parameter -> parameter.in().equals(in)).toList();
    }

    /** Every operation of the document, in its order. */
    static List<ApiOperation> allOf(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new ApiOperation(method.toUpperCase(), path.getKey(),
                            parameters(path.getValue(), operation), bodies(operation)));
                }
            }
        }
        return operations;
    }

    private static List<Parameter> parameters(JsonNode pathItem, JsonNode operation) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (JsonNode declared : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : declared) {
                String in = parameter.path("in").asText();
                byName.put(in + ":" + parameter.path("name").asText(), new Parameter(parameter.path("name").asText(),
                        in, parameter.path("schema"), parameter.path("required").asBoolean(in.equals("path"))));
            }
        }
        return List.copyOf(byName.values());
    }

    private static Map<String, JsonNode> bodies(JsonNode operation) {
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> content = operation.path("requestBody").path("content").fields();
        while (content.hasNext()) {
            Map.Entry<String, JsonNode> media = content.next();
            bodies.put(media.getKey(), media.getValue().path("schema"));
        }
        return bodies;
    }
}
