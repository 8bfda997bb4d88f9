package org.relops.inventory.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Reads and writes the inventory file. Reading refuses what must never be in it (a field that
 * looks like a secret value) and what it does not know (a misspelt field), then checks every system
 * with {@link InventoryFileValidator}.
 */
public final class InventoryYaml {

    private static final String HEADER = """
            # relops inventory: every system relops may put a machine on.
            # Secrets are references (secretRef: vault:<path> or env:<NAME>), never values.
            """;

    /** Field names that hold a secret value; {@code secretRef} is the one allowed way to name a secret. */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|token|credential|private.?key|access.?key|api.?key).*");

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private InventoryYaml() {
    }

    /** Parses and checks an inventory file; throws {@link InvalidInventoryFileException} listing every problem. */
    public static InventoryFile read(String yaml) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            // Only the first line: the parser's later lines quote the file, which may hold what must not be echoed.
            throw new InvalidInventoryFileException(List.of("not valid YAML: " + firstLine(e.getOriginalMessage())
                    + location(e)));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidInventoryFileException(List.of("the file is empty; it needs a 'systems' list"));
        }
        List<String> secrets = new ArrayList<>();
        findSecretValues(tree, "", secrets);
        if (!secrets.isEmpty()) {
            throw new InvalidInventoryFileException(secrets);
        }
        InventoryFile file;
        try {
            file = MAPPER.treeToValue(tree, InventoryFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInventoryFileException(List.of(path(e) + ": unknown field '" + e.getPropertyName()
                    + "'"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new InvalidInventoryFileException(List.of("does not match the inventory format: " + message));
        }
        List<String> problems = InventoryFileValidator.problems(file);
        if (!problems.isEmpty()) {
            throw new InvalidInventoryFileException(problems);
        }
        return InventoryFileValidator.normalised(file);
    }

    public static String write(InventoryFile file) {
        try {
            return HEADER + MAPPER.writeValueAsString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the inventory as YAML", e);
        }
    }

    private static void findSecretValues(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!field.getKey().equals("secretRef") && SECRET_FIELD.matcher(field.getKey()).matches()) {
                    found.add(fieldPath + ": secrets must be references (secretRef: vault:<path> or env:<NAME>),"
                            + " never values in the inventory file");
                } else {
                    findSecretValues(field.getValue(), fieldPath, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findSecretValues(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static String path(UnrecognizedPropertyException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (reference.getFieldName().equals(e.getPropertyName())) {
                    continue;
                }
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "top level" : path.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
