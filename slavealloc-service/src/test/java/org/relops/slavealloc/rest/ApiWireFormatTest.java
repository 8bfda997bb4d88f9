package org.relops.slavealloc.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.relops.slavealloc.Operator.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code /api/...} answers as the original allocator did, value for value: bare arrays and objects, the
 * tables' own field names, and names exactly as they were stored (mixed case stays mixed case), whatever
 * the relops APIs' own conventions for lists and enum values are.
 */
@QuarkusTest
class ApiWireFormatTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String distro = "CentOS-6.5-" + run;
    private final String purpose = "Try-" + run;
    private final String trustlevel = "CORE-" + run;
    private final String pool = "Pool-" + run;
    private final String environment = "Staging-" + run;
    private final String master = "bm-" + run;
    private final String slave = "bld-" + run;

    @Test
    void shouldReportAnImportTablePerTable() {
        JsonPath report = importDump();

        Map<String, Object> tables = new LinkedHashMap<>();
        for (String table : List.of("distros", "datacenters", "bitlengths", "speeds", "purposes", "trustlevels",
                "tac_templates", "pools", "environments", "roles", "masters", "slaves", "slave_passwords")) {
            int inserted = List.of("distros", "purposes", "trustlevels", "pools", "environments", "masters", "slaves",
                    "slave_passwords").contains(table) ? 1 : 0;
            tables.put(table, Map.of("inserted", inserted, "skipped", 0));
        }
        assertThat(report.getMap("$"), equalTo(Map.of("tables", tables)));
    }

    @Test
    void shouldShowASlaveRowWithEveryFieldAsStored() {
        importDump();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("slaveid", idOf("slaves", slave));
        expected.put("name", slave);
        expected.put("distroid", idOf("distros", distro));
        expected.put("distro", distro);
        expected.put("bitsid", idOf("bitlengths", "64"));
        expected.put("bitlength", "64");
        expected.put("speedid", idOf("speeds", "vm"));
        expected.put("speed", "vm");
        expected.put("purposeid", idOf("purposes", purpose));
        expected.put("purpose", purpose);
        expected.put("dcid", idOf("datacenters", "local"));
        expected.put("datacenter", "local");
        expected.put("trustid", idOf("trustlevels", trustlevel));
        expected.put("trustlevel", trustlevel);
        expected.put("envid", idOf("environments", environment));
        expected.put("environment", environment);
        expected.put("poolid", idOf("pools", pool));
        expected.put("pool", pool);
        expected.put("basedir", "/builds/" + slave);
        expected.put("locked_masterid", null);
        expected.put("locked_master", null);
        expected.put("custom_tplid", null);
        expected.put("custom_tpl", null);
        expected.put("enabled", true);
        expected.put("notes", "Moved From SCL3");
        expected.put("current_masterid", null);
        expected.put("current_master", null);
        expected.put("address", "127.0.0.1");
        expected.put("request_id", null);
        expected.put("origin", "import");

        assertThat(row("/api/slaves/" + slave + "?byname=1"), equalTo(expected));
        assertThat(given().get("/api/slaves?pool=" + pool).then().statusCode(200).extract().jsonPath().getList("$"),
                equalTo(List.of(expected)));
    }

    @Test
    void shouldShowAMasterAndALookupRowAsStored() {
        importDump();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("masterid", idOf("masters", master));
        expected.put("nickname", master);
        expected.put("fqdn", master + ".Build.Example");
        expected.put("http_port", 8010);
        expected.put("pb_port", 9010);
        expected.put("dcid", idOf("datacenters", "local"));
        expected.put("datacenter", "local");
        expected.put("poolid", idOf("pools", pool));
        expected.put("pool", pool);
        expected.put("enabled", true);
        expected.put("notes", "Spare, DO NOT USE");
        expected.put("address", null);
        expected.put("request_id", null);
        expected.put("origin", "import");

        assertThat(row("/api/masters/" + master + "?byname=1"), equalTo(expected));
        assertThat(row("/api/trustlevels/" + trustlevel + "?byname=1"),
                equalTo(Map.of("trustid", idOf("trustlevels", trustlevel), "name", trustlevel, "order", 7)));
    }

    @Test
    void shouldShowEachSilosBalanceAsABareArray() {
        importDump();
        given().get("/gettac/" + slave).then().statusCode(200);

        Map<String, Object> silo = new LinkedHashMap<>();
        silo.put("pool", pool);
        silo.put("distro", distro);
        silo.put("bitlength", "64");
        silo.put("speed", "vm");
        silo.put("purpose", purpose);
        silo.put("datacenter", "local");
        silo.put("trustlevel", trustlevel);
        silo.put("environment", environment);
        silo.put("slaves", 1);
        silo.put("unallocated", 0);
        silo.put("masters", Map.of(master, 1));
        given().get("/api/silos?pool=" + pool).then().statusCode(200)
                .body(startsWith("[{"))
                .body("$", equalTo(List.of(silo)));
    }

    private JsonPath importDump() {
        Map<String, Object> masterRow = new LinkedHashMap<>();
        masterRow.put("nickname", master);
        masterRow.put("fqdn", master + ".Build.Example");
        masterRow.put("http_port", 8010);
        masterRow.put("pb_port", 9010);
        masterRow.put("datacenter", "local");
        masterRow.put("pool", pool);
        masterRow.put("enabled", true);
        masterRow.put("notes", "Spare, DO NOT USE");
        Map<String, Object> slaveRow = new LinkedHashMap<>();
        slaveRow.put("name", slave);
        slaveRow.put("distro", distro);
        slaveRow.put("bitlength", "64");
        slaveRow.put("speed", "vm");
        slaveRow.put("purpose", purpose);
        slaveRow.put("datacenter", "local");
        slaveRow.put("trustlevel", trustlevel);
        slaveRow.put("environment", environment);
        slaveRow.put("pool", pool);
        slaveRow.put("basedir", "/builds/" + slave);
        slaveRow.put("enabled", true);
        slaveRow.put("notes", "Moved From SCL3");
        slaveRow.put("address", "127.0.0.1");
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("distros", List.of(Map.of("name", distro)));
        dump.put("purposes", List.of(Map.of("name", purpose)));
        dump.put("trustlevels", List.of(Map.of("name", trustlevel, "order", 7)));
        dump.put("pools", List.of(Map.of("name", pool)));
        dump.put("environments", List.of(Map.of("name", environment, "default_pool", pool)));
        dump.put("masters", List.of(masterRow));
        dump.put("slaves", List.of(slaveRow));
        dump.put("slave_passwords", List.of(Map.of("pool", pool, "password", "pw-" + run)));
        return operator().body(dump).when().post("/api/import").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> row(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static int idOf(String table, String name) {
        String idField = switch (table) {
            case "slaves" -> "slaveid";
            case "masters" -> "masterid";
            case "distros" -> "distroid";
            case "bitlengths" -> "bitsid";
            case "speeds" -> "speedid";
            case "purposes" -> "purposeid";
            case "datacenters" -> "dcid";
            case "trustlevels" -> "trustid";
            case "environments" -> "envid";
            case "pools" -> "poolid";
            default -> throw new IllegalArgumentException(table);
        };
        return given().get("/api/" + table + "/" + name + "?byname=1").then().statusCode(200).extract()
                .path(idField);
    }
}
