package org.relops.slavealloc.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.importer.DumpImporter;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /gettac} speaks the original allocator's wire format, so existing slaves work unchanged. */
@QuarkusTest
class WireFormatTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DumpImporter importer;

    @Test
    void shouldServeATacThatABuildbotSlaveAccepts() throws Exception {
        Farm farm = Farm.named("wire").withMasters(1).withSlaves(1).importWith(importer);
        BuildbotSlaveClient client = new BuildbotSlaveClient(base, "cached tac");

        assertTrue(client.refresh(farm.slave(1)).isPresent(), "the slave replaces its cached tac");
        assertTrue(client.tac().contains("port = 9001\n"), client.tac());
        assertTrue(client.tac().contains("basedir = '/builds/" + farm.slave(1) + "'\n"), client.tac());
    }

    @Test
    void shouldKeepTheSlavesCachedTacWhenThereIsNoAllocation() throws Exception {
        BuildbotSlaveClient client = new BuildbotSlaveClient(base, "cached tac");

        assertTrue(client.refresh("unknown-slave").isEmpty());
        assertEquals("cached tac", client.tac());
    }

    @Test
    void shouldMatchTheSlaveNameIgnoringCase() throws Exception {
        Farm farm = Farm.named("case").withMasters(1).withSlaves(1).importWith(importer);

        assertTrue(new BuildbotSlaveClient(base, "").refresh(farm.slave(1).toUpperCase()).isPresent());
    }

    @Test
    void shouldNeverLetATacBeCached() {
        Farm farm = Farm.named("cache").withMasters(1).withSlaves(1).importWith(importer);

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200)
                .header("Cache-Control", "no-cache")
                .contentType("text/plain;charset=utf-8");
        given().when().get("/gettac/nobody-here").then().statusCode(404)
                .header("Cache-Control", "no-cache")
                .body(equalTo(GettacResource.NO_ALLOCATION));
    }

    @Test
    void shouldRenderThePoolsTemplateAndPutTheMarkerFirst() {
        Farm farm = Farm.named("tpl").withMasters(1).withSlaves(1).importWith(importer);
        String template = Operator.operator().body(Map.of("template",
                "host=%(buildmaster_host)s port=%(port)d pw=%(passwd)r 100%%\n", "name", farm.pool + "-tpl"))
                .when().post("/api/tac_templates").then().statusCode(201).extract().path("name");
        Operator.operator().body(Map.of("default_tpl", template)).when()
                .put("/api/pools/" + farm.pool + "?byname=1").then().statusCode(200);

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200)
                .body(equalTo(BuildbotSlaveClient.MARKER + "\nhost=" + farm.fqdn(1) + " port=9001 pw='"
                        + Farm.PASSWORD + "' 100%\n"));
    }

    @Test
    void shouldRenderASlavesOwnTemplateAndQuoteItsPasswordAsPython() {
        Farm farm = Farm.named("own").withMasters(1).withSlaves(1).importWith(importer);
        String template = farm.pool + "-own";
        Operator.operator().body(Map.of("name", template, "template",
                BuildbotSlaveClient.MARKER + "\nslavename = %(slavename)r\npasswd = %(passwd)r\n"))
                .when().post("/api/tac_templates").then().statusCode(201);
        Operator.updateSlave(farm.slave(1), Map.of("custom_tpl", template, "password", "it's a \\ secret"));

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200)
                .body(equalTo(BuildbotSlaveClient.MARKER + "\nslavename = '" + farm.slave(1)
                        + "'\npasswd = 'it\\'s a \\\\ secret'\n"));
    }

    @Test
    void shouldRefuseATemplateWithAnUnknownPlaceholder() {
        Operator.operator().body(Map.of("name", "broken-" + System.nanoTime(), "template", "x = %(nonsense)r\n"))
                .when().post("/api/tac_templates")
                .then().statusCode(400)
                .body("detail", containsString("%(nonsense)"));
    }
}
