package org.relops.inventory.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The inventory file reader's promises, over generated files: a valid inventory reads back as exactly what
 * was written into it; and any edit of one (characters changed, values of the wrong type, huge or unicode
 * values, duplicate keys, deep nesting, anchor and alias bombs) is either read as a whole, valid inventory or
 * refused with an {@link InvalidInventoryFileException} that says why, never with another exception.
 */
class InventoryYamlProperties {

    private static final List<String> HOSTILE = List.of("null", "~", "[]", "{}", "-1", "1e999", "0x10", "true",
            "\"\\0\"", "'\u202Eevil'", "\"" + "x".repeat(100_000) + "\"", "&a [*a]", "*undefined", "!!binary AAAA",
            "!!java.lang.Runtime {}", "\"日本語\"", "\"\uD83D\uDCA5\"", "[" .repeat(2_000), "{a: {b: {c: {d: 1}}}}",
            "\"52:54:00:ZZ:00:01\"", "999.999.999.999/99", "- - - -", "'", "\"", "|\n  text", ">-\n  folded");
    private static final String BOMB = "lol: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            + "l1: &l1 [*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0]\nl2: &l2 [*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1]\n"
            + "l3: &l3 [*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2]\nl4: &l4 [*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3]\n"
            + "l5: &l5 [*l4,*l4,*l4,*l4,*l4,*l4,*l4,*l4,*l4]\nl6: &l6 [*l5,*l5,*l5,*l5,*l5,*l5,*l5,*l5,*l5]\n";

    /** A generated inventory: its YAML and what it says, field by field. */
    record Generated(String yaml, List<String> segments, List<String> systems) {
    }

    @Property(tries = 500)
    void shouldReadAValidInventoryAsExactlyWhatItSays(@ForAll("inventories") Generated inventory) {
        InventoryFile file = InventoryYaml.read(inventory.yaml());

        assertEquals(inventory.segments(), file.segments().stream()
                .map(s -> s.name() + " " + s.cidr() + " " + s.gateway() + " " + s.serves().datacenter()).toList());
        assertEquals(inventory.systems(), file.systems().stream().map(s -> s.name() + " " + s.provider() + " "
                + s.nic().mac() + " " + s.hardwareClass() + " " + s.location() + " " + s.nic().segment()).toList());
    }

    @Property(tries = 3_000)
    void shouldReadAnEditedInventoryWholeOrRefuseItSayingWhy(@ForAll("editedInventories") String yaml) {
        InventoryFile file;
        try {
            file = InventoryYaml.read(yaml);
        } catch (InvalidInventoryFileException refused) {
            assertFalse(refused.problems().isEmpty() || refused.problems().stream().anyMatch(String::isBlank),
                    "a refusal names every problem");
            return;
        }
        // Accepted: then it is a whole inventory, which writes and reads back as itself.
        assertEquals(file, InventoryYaml.read(InventoryYaml.write(file)));
    }

    @Provide
    Arbitrary<Generated> inventories() {
        Arbitrary<String> labels = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8)
                .map(text -> "x" + text);
        return Combinators.combine(Arbitraries.integers().between(1, 4), labels.list().ofMinSize(0).ofMaxSize(8),
                Arbitraries.integers().greaterOrEqual(0)).as(InventoryYamlProperties::inventory);
    }

    private static Generated inventory(int segmentCount, List<String> classes, int choice) {
        StringBuilder yaml = new StringBuilder("segments:\n");
        List<String> segments = new ArrayList<>();
        for (int i = 1; i <= segmentCount; i++) {
            yaml.append("  - name: seg").append(i).append("\n    cidr: 10.").append(i).append(".0.0/16\n    gateway: 10.")
                    .append(i).append(".0.1\n    serves: {datacenter: dc").append(i).append("}\n");
            segments.add("seg" + i + " 10." + i + ".0.0/16 10." + i + ".0.1 dc" + i);
        }
        yaml.append("systems:").append(classes.isEmpty() ? " []\n" : "\n");
        List<String> systems = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            int datacenter = 1 + (choice + i) % segmentCount;
            String mac = String.format("52:54:00:ab:%02x:%02x", i / 256, i % 256);
            yaml.append("  - name: sys-").append(i).append("\n    provider: qemu\n    nic: {mac: \"").append(mac)
                    .append("\"}\n    hardwareClass: ").append(classes.get(i)).append("\n    location: {datacenter: dc")
                    .append(datacenter).append(", row: r1, rack: r1-a}\n");
            systems.add("sys-" + i + " qemu " + mac + " " + classes.get(i) + " dc" + datacenter + "/r1/r1-a seg"
                    + datacenter);
        }
        return new Generated(yaml.toString(), segments, systems);
    }

    @Provide
    Arbitrary<String> editedInventories() {
        return Combinators.combine(inventories(), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(HOSTILE),
                Arbitraries.strings().ofMaxLength(20)).as((inventory, kind, at, hostile, text) ->
                        edit(inventory.yaml(), kind, at, hostile, text));
    }

    /** One edit: characters replaced, a value made hostile, a key repeated, the file nested deep or bombed. */
    private static String edit(String yaml, int kind, int at, String hostile, String text) {
        int position = at % Math.max(1, yaml.length());
        switch (kind) {
            case 0:
                return yaml.substring(0, position) + text + yaml.substring(Math.min(yaml.length(), position + text.length()));
            case 1:
                return yaml.substring(0, position);
            case 2: {
                // The value after a colon on some line becomes a hostile one.
                List<String> lines = new ArrayList<>(yaml.lines().toList());
                int line = at % lines.size();
                int colon = lines.get(line).indexOf(": ");
                if (colon >= 0) {
                    lines.set(line, lines.get(line).substring(0, colon + 2) + hostile);
                }
                return String.join("\n", lines) + "\n";
            }
            case 3:
                return yaml.replace("\n    provider: qemu\n", "\n    provider: qemu\n    provider: " + text
                        .replaceAll("[\\n:#]", "") + "\n");
            case 4:
                return yaml + "extra:\n" + "  ".repeat(1) + "- ".repeat(Math.min(500, 1 + at % 500)) + "x\n";
            case 5:
                return BOMB + yaml;
            case 6:
                return yaml.replace("segments:", hostile.startsWith("[") ? "segments: " + hostile : "segments: &s\n")
                        .replace("systems:", "systems: *s\nignored:");
            default:
                return yaml.replace("hardwareClass: ", "hardwareClass: " + text.replaceAll("[\\n:#\\[\\]{},&*!|>'\"%@`]", ""));
        }
    }
}
