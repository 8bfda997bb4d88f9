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
 * Reads and writes the inventory file. Parsing refuses what must never be in it (a field that looks
 * like a secret value), what it does not know (a misspelt field) and the old place of the MAC
 * ({@code identity.mac}); reading also checks the file on its own with {@link InventoryFileValidator}.
 */
public final class InventoryYaml {

    private static final String HEADER = """
            # relops inventory: the network segments and every system relops may put a machine on.
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

    /**
     * Parses and checks an inventory file on its own (as if the inventory were empty); throws
     * {@link InvalidInventoryFileException} listing every problem.
     */
    public static InventoryFile read(String yaml) {
        return InventoryFileValidator.validated(parse(yaml), StoredNetwork.NONE);
    }

    /**
     * Parses an inventory file without checking what it says (an import checks it against the inventory);
     * throws {@link InvalidInventoryFileException} when it is not an inventory file at all.
     */
    public static InventoryFile parse(String yaml) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            // Only the first line: the parser's later lines quote the file, which may hold what must not be echoed.
            throw new InvalidInventoryFileException(List.of("not valid YAML: " + firstLine(e.getOriginalMessage())
                    + location(e)));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidInventoryFileException(List.of("the file is empty; it needs a 'segments' and a 'systems'"
                    + " list"));
        }
        List<String> secrets = new ArrayList<>();
        findSecretValues(tree, "", secrets);
        if (!secrets.isEmpty()) {
            throw new InvalidInventoryFileException(secrets);
        }
        List<String> movedMacs = findMovedMacs(tree);
        if (!movedMacs.isEmpty()) {
            throw new InvalidInventoryFileException(movedMacs);
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
        return file;
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

    /** Systems that still give their MAC as {@code identity.mac}, as the format before NICs had it. */
    private static List<String> findMovedMacs(JsonNode tree) {
        List<String> found = new ArrayList<>();
        JsonNode systems = tree.path("systems");
        for (int i = 0; systems.isArray() && i < systems.size(); i++) {
            JsonNode system = systems.get(i);
            if (system.path("identity").has("mac")) {
                JsonNode name = system.path("name");
                found.add("systems[" + i + "]" + (name.isTextual() ? " (" + name.asText() + ")" : "")
                        + ": identity.mac has moved to nic.mac; write the MAC as nic: {mac: \"52:54:00:12:34:56\"}");
            }
        }
        return found;
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
