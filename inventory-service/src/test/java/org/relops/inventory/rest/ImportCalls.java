package org.relops.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.relops.testing.auth.OperatorTokenByDefault.as;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.relops.inventory.file.InventoryFile;
import org.relops.inventory.file.InventoryYaml;
import org.relops.inventory.file.SegmentSpec;
import org.relops.inventory.file.SystemSpec;
import org.relops.model.auth.Roles;
import org.relops.testing.auth.TestTokens;

import io.restassured.response.ValidatableResponse;

/** The inventory API as the import tests call it: export, import (as operator alice), and editing a file. */
final class ImportCalls {

    static final String YAML = "application/yaml";

    private ImportCalls() {
    }

    static String exportInventory() {
        return given().accept(YAML).get("/v1/inventory/export").then().statusCode(200).extract().asString();
    }

    static ValidatableResponse importInventory(String yaml, boolean dryRun, boolean force) {
        return as(TestTokens.forSubject("alice", Roles.OPERATOR)).contentType(YAML)
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun).queryParam("force", force)
                .post("/v1/inventory/import").then();
    }

    /** The file with each system replaced by what {@code change} makes of it ({@code null} drops it). */
    static String edit(String yaml, UnaryOperator<SystemSpec> change) {
        InventoryFile file = InventoryYaml.read(yaml);
        return InventoryYaml.write(new InventoryFile(file.segments(), file.systems().stream().map(change)
                .filter(Objects::nonNull).toList()));
    }

    /** The file with its segments replaced by what {@code change} makes of each ({@code null} drops it). */
    static String editSegments(String yaml, UnaryOperator<SegmentSpec> change) {
        InventoryFile file = InventoryYaml.read(yaml);
        return InventoryYaml.write(new InventoryFile(file.segments().stream().map(change).filter(Objects::nonNull)
                .toList(), file.systems()));
    }

    /** The file with segments and systems added at the end. */
    static String extend(String yaml, List<SegmentSpec> segments, List<SystemSpec> systems) {
        InventoryFile file = InventoryYaml.read(yaml);
        return InventoryYaml.write(new InventoryFile(Stream.concat(file.segments().stream(), segments.stream())
                .toList(), Stream.concat(file.systems().stream(), systems.stream()).toList()));
    }
}
