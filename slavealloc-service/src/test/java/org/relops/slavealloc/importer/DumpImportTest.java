package org.relops.slavealloc.importer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.relops.slavealloc.Operator.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relops.slavealloc.Farm;

import io.quarkus.test.junit.QuarkusTest;

/** A farm moves over from an existing allocator by importing its tables' dump. */
@QuarkusTest
class DumpImportTest {

    /** A dump as the original allocator's tables hold it: its own ids, references by id, clear passwords. */
    static Map<String, Object> classicDump(String run, int slaveDistro) {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("distros", List.of(Map.of("distroid", 101, "name", "centos6-" + run)));
        dump.put("datacenters", List.of(Map.of("dcid", 5, "name", "scl3-" + run)));
        dump.put("bitlengths", List.of(Map.of("bitsid", 6, "name", "32-" + run)));
        dump.put("speeds", List.of(Map.of("speedid", 7, "name", "ix-" + run)));
        dump.put("purposes", List.of(Map.of("purposeid", 8, "name", "build-" + run)));
        dump.put("trustlevels", List.of(Map.of("trustid", 9, "name", "core-" + run, "order", 1)));
        dump.put("environments", List.of(Map.of("envid", 10, "name", "prod-" + run)));
        dump.put("pools", List.of(Map.of("poolid", 11, "name", "pool-" + run)));
        dump.put("masters", List.of(master(3, "bm01-" + run), master(4, "bm02-" + run)));
        dump.put("slaves", List.of(Map.ofEntries(Map.entry("slaveid", 77), Map.entry("name", "bld-" + run),
                Map.entry("distroid", slaveDistro), Map.entry("bitsid", 6), Map.entry("speedid", 7),
                Map.entry("purposeid", 8), Map.entry("dcid", 5), Map.entry("trustid", 9),
                Map.entry("envid", 10), Map.entry("poolid", 11), Map.entry("basedir", "/builds/slave"),
                Map.entry("locked_masterid", 3), Map.entry("current_masterid", 4),
                Map.entry("enabled", 1), Map.entry("notes", "imported"), Map.entry("address", Farm.LOCALHOST))));
        dump.put("slave_passwords", List.of(Map.of("poolid", 11, "distroid", 101, "password", "pw-" + run)));
        return dump;
    }

    private static Map<String, Object> master(int id, String nickname) {
        return Map.of("masterid", id, "nickname", nickname, "fqdn", nickname + ".build.example",
                "http_port", 8001, "pb_port", 9001, "dcid", 5, "poolid", 11, "enabled", true);
    }

    @Test
    void shouldImportAClassicDumpKeepingItsReferences() {
        String run = UUID.randomUUID().toString().substring(0, 8);

        operator().body(classicDump(run, 101)).when().post("/api/import").then().statusCode(200)
                .body("tables.slaves.inserted", equalTo(1))
                .body("tables.masters.inserted", equalTo(2))
                .body("tables.slave_passwords.inserted", equalTo(1));

        given().when().get("/api/slaves/bld-" + run + "?byname=1").then().statusCode(200)
                .body("distro", equalTo("centos6-" + run))
                .body("pool", equalTo("pool-" + run))
                .body("locked_master", equalTo("bm01-" + run))
                .body("current_master", equalTo("bm02-" + run))
                .body("origin", equalTo("import"));
        given().when().get("/gettac/bld-" + run).then().statusCode(200)
                .body(containsString("buildmaster_host = 'bm01-" + run + ".build.example'"))
                .body(containsString("passwd = 'pw-" + run + "'"));
    }

    @Test
    void shouldChangeNothingWhenTheSameDumpIsImportedTwice() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        operator().body(classicDump(run, 101)).when().post("/api/import").then().statusCode(200);

        operator().body(classicDump(run, 101)).when().post("/api/import").then().statusCode(200)
                .body("tables.slaves.inserted", equalTo(0))
                .body("tables.slaves.skipped", equalTo(1))
                .body("tables.slave_passwords.inserted", equalTo(0));
    }

    @Test
    void shouldImportNothingFromADumpWithADanglingReference() {
        String run = UUID.randomUUID().toString().substring(0, 8);

        operator().body(classicDump(run, 999)).when().post("/api/import").then().statusCode(422)
                .body("detail", containsString("distroid 999"));
        given().when().get("/api/pools/pool-" + run + "?byname=1").then().statusCode(404);
    }

    @Test
    void shouldImportWhatTheApiLists() {
        String exported = given().when().get("/api/distros").then().statusCode(200).extract().asString();

        operator().body("{\"distros\": " + exported + "}").when().post("/api/import").then().statusCode(200)
                .body("tables.distros.inserted", equalTo(0));
    }
}
