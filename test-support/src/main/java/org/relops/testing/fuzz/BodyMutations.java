package org.relops.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies for one declared media type: a body that fits the schema, then mutated (a required field
 * missing, a field of the wrong type, huge, unicode or null, an extra field, deep nesting, JSON cut short,
 * the wrong top-level type, an empty body, the wrong content type). Form and text bodies get the same
 * treatment in their own syntax.
 */
final class BodyMutations {

    /** A body, the content type it is sent with ({@code null}: none) and what was done to it. */
    record Body(byte[] bytes, String contentType, String variant) {

        static Body of(String text, String contentType, String variant) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), contentType, variant);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "@@raw@@";
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/octet-stream", "multipart/form-data; boundary=fuzz", "application/json; charset=no-such-charset",
            "application/x-www-form-urlencoded", "*/*", "application/json; charset=UTF-16", "garbage");
    private static final List<String> BOMBS = List.of(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                    + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                    + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                    + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
            "a: &a [*a]\n", "!!java.lang.Runtime {}\n", "? " + "[".repeat(5_000) + "\n", "key: !!binary AAAA\n",
            "segments: 1\nsystems: {x: y}\n", "%YAML 9.9\n---\n", "---\n...\n---\n", "a: 1\na: 2\n");

    private final Schemas schemas;
    private final HostileValues hostile;
    private final Random random;

    BodyMutations(Schemas schemas, HostileValues hostile) {
        this.schemas = schemas;
        this.hostile = hostile;
        this.random = hostile.random();
    }

    /** A body for this media type and schema; with {@code unreadableOnly}, one no reader can turn into a value. */
    Body next(String mediaType, JsonNode schema, boolean unreadableOnly) {
        if (unreadableOnly) {
            return unreadable(mediaType);
        }
        if (mediaType.contains("json")) {
            return json(mediaType, schema);
        }
        if (mediaType.contains("x-www-form-urlencoded")) {
            return form(mediaType, schema);
        }
        return text(mediaType);
    }

    /** A body an operation that declares none gets now and then, to see it ignored or refused. */
    Body unasked() {
        return random.nextBoolean() ? text(WRONG_CONTENT_TYPES.get(random.nextInt(WRONG_CONTENT_TYPES.size())))
                : Body.of("{\"unasked\":true}", "application/json", "unasked-json");
    }

    private Body unreadable(String mediaType) {
        switch (random.nextInt(4)) {
            case 0:
                return Body.of("", mediaType, "empty");
            case 1:
                return Body.of("null", mediaType, "null-body");
            case 2:
                return Body.of(List.of("[]", "42", "\"text\"", "true", "[{}]").get(random.nextInt(5)), mediaType,
                        "wrong-top-level-type");
            default:
                return Body.of("{\"" + hostile.forUrl().replace("\"", "") + "\":", mediaType, "json-cut-short");
        }
    }

    private Body json(String mediaType, JsonNode schema) {
        JsonNode fitting = schemas.fitting(schema, random);
        int kind = random.nextInt(16);
        if (kind < 4) {
            return unreadable(mediaType);
        }
        if (kind == 4) {
            return new Body(write(fitting), mediaType, "fitting");
        }
        if (kind == 5) {
            return new Body(write(fitting), WRONG_CONTENT_TYPES.get(random.nextInt(WRONG_CONTENT_TYPES.size())),
                    "wrong-content-type");
        }
        if (kind == 6) {
            byte[] whole = write(fitting);
            return new Body(java.util.Arrays.copyOf(whole, random.nextInt(Math.max(1, whole.length))), mediaType,
                    "truncated");
        }
        if (!(fitting instanceof ObjectNode object)) {
            return new Body(write(NODES.objectNode().put("unexpected", hostile.forBody())), mediaType, "object-for-"
                    + schemas.type(schema));
        }
        ObjectNode target = deepestObject(object);
        String field = fieldOf(target, schema);
        String raw = null;
        String variant;
        switch (kind) {
            case 7 -> {
                target.remove(field);
                variant = "missing:" + field;
            }
            case 8 -> {
                target.set(field, wrongType(target.get(field)));
                variant = "wrong-type:" + field;
            }
            case 9 -> {
                target.put(field, "x".repeat(HostileValues.LONG_IN_BODY));
                variant = "huge-string:" + field;
            }
            case 10 -> {
                raw = hostile.hugeNumber();
                target.put(field, RAW);
                variant = "huge-number:" + field;
            }
            case 11 -> {
                target.put(field, hostile.randomUnicode(1 + random.nextInt(200)));
                variant = "unicode:" + field;
            }
            case 12 -> {
                target.putNull(field);
                variant = "null:" + field;
            }
            case 13 -> {
                target.put("fuzz" + random.nextInt(1000), hostile.forBody());
                variant = "extra-field";
            }
            case 14 -> {
                int depth = 100 + random.nextInt(5_000);
                raw = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                target.put(field, RAW);
                variant = "nested-" + depth + ":" + field;
            }
            default -> {
                target.put(field, hostile.forBody());
                variant = "hostile:" + field;
            }
        }
        String text = new String(write(object), StandardCharsets.UTF_8);
        return Body.of(raw == null ? text : text.replace("\"" + RAW + "\"", raw), mediaType, variant);
    }

    /** Now and then a nested object instead of the top level, so nested fields get their share. */
    private ObjectNode deepestObject(ObjectNode object) {
        ObjectNode current = object;
        while (random.nextBoolean()) {
            List<ObjectNode> children = new ArrayList<>();
            current.elements().forEachRemaining(child -> {
                if (child instanceof ObjectNode nested) {
                    children.add(nested);
                }
            });
            if (children.isEmpty()) {
                break;
            }
            current = children.get(random.nextInt(children.size()));
        }
        return current;
    }

    private String fieldOf(ObjectNode target, JsonNode schema) {
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        List<String> required = schemas.required(schema);
        if (!required.isEmpty() && random.nextBoolean()) {
            return required.get(random.nextInt(required.size()));
        }
        return names.isEmpty() ? "fuzz" : names.get(random.nextInt(names.size()));
    }

    private JsonNode wrongType(JsonNode value) {
        List<JsonNode> others = new ArrayList<>(List.of(NODES.textNode(hostile.forUrl()), NODES.numberNode(-1),
                NODES.booleanNode(true), NODES.arrayNode().add(1).add("two"), NODES.objectNode().put("x", 1),
                NODES.numberNode(1.5)));
        others.removeIf(other -> value != null && other.getNodeType() == value.getNodeType());
        return others.get(random.nextInt(others.size()));
    }

    private Body form(String mediaType, JsonNode schema) {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schemas.properties(schema)) {
            fields.add(property.getKey());
        }
        int kind = random.nextInt(7);
        StringBuilder body = new StringBuilder();
        for (String field : fields) {
            if (kind == 1 && random.nextBoolean()) {
                continue;
            }
            String value = switch (kind) {
                case 0 -> schemas.fitting(schemas.properties(schema).stream().filter(p -> p.getKey().equals(field))
                        .findFirst().orElseThrow().getValue(), random).asText();
                case 2 -> "x".repeat(HostileValues.LONG_IN_BODY);
                default -> hostile.forBody();
            };
            body.append(body.length() == 0 ? "" : "&").append(Encoding.form(field)).append('=')
                    .append(Encoding.form(value));
        }
        return switch (kind) {
            case 3 -> Body.of("%%%=&&==%zz&=" + hostile.forUrl(), mediaType, "form-garbage");
            case 4 -> Body.of("{\"mac\":\"52:54:00:00:00:01\"}", "application/json", "wrong-content-type");
            case 5 -> Body.of("", mediaType, "empty");
            default -> Body.of(body.toString(), mediaType, List.of("form-fitting", "form-missing", "form-huge")
                    .get(Math.min(kind, 2)) + (kind > 2 ? "-hostile" : ""));
        };
    }

    private Body text(String mediaType) {
        switch (random.nextInt(6)) {
            case 0:
                return Body.of(BOMBS.get(random.nextInt(BOMBS.size())), mediaType, "text-bomb");
            case 1: {
                byte[] bytes = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(bytes);
                return new Body(bytes, mediaType, "random-bytes");
            }
            case 2:
                return Body.of("", mediaType, "empty");
            case 3:
                return Body.of(hostile.forBody(), WRONG_CONTENT_TYPES.get(random.nextInt(WRONG_CONTENT_TYPES.size())),
                        "wrong-content-type");
            default:
                return Body.of(hostile.forBody(), mediaType, "text-hostile");
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
