package org.relops.testing.fuzz;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schemas of one OpenAPI document: resolves {@code $ref}s and builds values that fit a schema (the
 * starting point every mutation departs from). Generated strings are random tokens, so a value that fits
 * never names a resource that exists.
 */
final class Schemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;

    private final JsonNode components;

    Schemas(JsonNode document) {
        this.components = document.path("components").path("schemas");
    }

    /** The schema itself, with a {@code $ref} (and an {@code allOf} of one) followed. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema == null ? NODES.objectNode() : schema;
        for (int hops = 0; hops < 10; hops++) {
            if (current.has("$ref")) {
                String ref = current.path("$ref").asText();
                current = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            } else if (current.path("allOf").size() == 1) {
                current = current.path("allOf").get(0);
            } else {
                return current;
            }
        }
        return current;
    }

    String type(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        JsonNode type = resolved.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!each.asText().equals("null")) {
                    return each.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return resolved.has("properties") ? "object" : "string";
    }

    /** The names of an object schema's properties, each with its schema. */
    List<Map.Entry<String, JsonNode>> properties(JsonNode schema) {
        List<Map.Entry<String, JsonNode>> properties = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = resolve(schema).path("properties").fields();
        fields.forEachRemaining(properties::add);
        return properties;
    }

    List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        resolve(schema).path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    /** A value that fits the schema: right type, an allowed enum value, a plausible format. */
    JsonNode fitting(JsonNode schema, Random random) {
        return fitting(schema, random, 0);
    }

    private JsonNode fitting(JsonNode schema, Random random, int depth) {
        JsonNode resolved = resolve(schema);
        JsonNode choices = resolved.path("enum");
        if (choices.isArray() && !choices.isEmpty()) {
            return choices.get(random.nextInt(choices.size()));
        }
        switch (type(resolved)) {
            case "integer":
                return NODES.numberNode(random.nextInt(5));
            case "number":
                return NODES.numberNode(random.nextInt(1000) / 10.0);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int items = depth >= MAX_DEPTH ? 0 : 1 + random.nextInt(2);
                for (int i = 0; i < items; i++) {
                    array.add(fitting(resolved.path("items"), random, depth + 1));
                }
                return array;
            }
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth < MAX_DEPTH) {
                    for (Map.Entry<String, JsonNode> property : properties(resolved)) {
                        object.set(property.getKey(), fitting(property.getValue(), random, depth + 1));
                    }
                }
                return object;
            }
            default:
                return NODES.textNode(fittingString(resolved.path("format").asText(), random));
        }
    }

    private static String fittingString(String format, Random random) {
        switch (format) {
            case "uuid":
                return new UUID(random.nextLong(), random.nextLong()).toString();
            case "date-time":
                return OffsetDateTime.of(2026, 1, 1 + random.nextInt(28), 0, 0, 0, 0, ZoneOffset.UTC).toString();
            case "date":
                return "2026-01-0" + (1 + random.nextInt(9));
            default:
                return "fuzz-" + Integer.toHexString(random.nextInt());
        }
    }
}
