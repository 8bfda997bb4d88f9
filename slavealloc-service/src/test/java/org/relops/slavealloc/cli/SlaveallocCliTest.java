package org.relops.slavealloc.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.slavealloc.Operator.slave;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.model.auth.Roles;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.service.TacRenderer;
import org.relops.testing.auth.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The operators' client, against the running service. */
@QuarkusTest
class SlaveallocCliTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DumpImporter importer;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String token, String... args) {
        Map<String, String> environment = token == null ? Map.of("SLAVEALLOC_URL", base.toString())
                : Map.of("SLAVEALLOC_URL", base.toString(), "SLAVEALLOC_TOKEN", token);
        return new SlaveallocCli(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void shouldDisableAndEnableASlave() {
        Farm farm = Farm.named("cli").withMasters(1).withSlaves(1).importWith(importer);

        assertEquals(0, cli(Operator.TOKEN, "disable", farm.slave(1), "bad", "disk"));
        assertFalse(slave(farm.slave(1)).getBoolean("enabled"));
        assertEquals("bad disk", slave(farm.slave(1)).getString("notes"));
        assertEquals(0, cli(Operator.TOKEN, "enable", farm.slave(1)));
        assertTrue(slave(farm.slave(1)).getBoolean("enabled"));
    }

    @Test
    void shouldLockUnlockAndAnnotateASlave() {
        Farm farm = Farm.named("clilock").withMasters(2).withSlaves(1).importWith(importer);

        assertEquals(0, cli(Operator.TOKEN, "lock", farm.slave(1), farm.master(2)));
        assertEquals(farm.master(2), slave(farm.slave(1)).getString("locked_master"));
        assertEquals(0, cli(Operator.TOKEN, "unlock", farm.slave(1)));
        assertNull(slave(farm.slave(1)).getString("locked_master"));
        assertEquals(0, cli(Operator.TOKEN, "notes", farm.slave(1), "moved to rack 4"));
        assertEquals("moved to rack 4", slave(farm.slave(1)).getString("notes"));
    }

    @Test
    void shouldShowTheTacADryRunWouldServe() {
        Farm farm = Farm.named("clitac").withMasters(1).withSlaves(1).importWith(importer);

        assertEquals(0, cli(TestTokens.of(Roles.VIEWER), "gettac", farm.slave(1)));

        String tac = out.toString(StandardCharsets.UTF_8);
        assertTrue(tac.startsWith(TacRenderer.MARKER), tac);
        assertFalse(tac.contains(Farm.PASSWORD));
        assertNull(slave(farm.slave(1)).getString("current_master"));
    }

    @Test
    void shouldRefuseAQualifiedName() {
        assertEquals(2, cli(Operator.TOKEN, "disable", "bld-linux64-0001.build.example"));

        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give the unqualified name (e.g. bld-linux64-0001)"));
    }

    @Test
    void shouldReportTheServicesRefusalWithoutTheToken() {
        Farm farm = Farm.named("clinoauth").withMasters(1).withSlaves(1).importWith(importer);

        assertEquals(1, cli(null, "disable", farm.slave(1)));

        assertTrue(err.toString(StandardCharsets.UTF_8).contains("401"), err.toString(StandardCharsets.UTF_8));
        assertTrue(slave(farm.slave(1)).getBoolean("enabled"));
    }

    @Test
    void shouldSetATacTokenAndPrintItOnce() {
        Farm farm = Farm.named("clitoken").withMasters(1).withSlaves(1).importWith(importer);

        assertEquals(0, cli(Operator.TOKEN, "token", farm.slave(1)));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        String token = lines[lines.length - 1];
        assertEquals(48, token.length(), token);
        given().header("X-Slavealloc-Token", token)
                .when().get("/gettac/" + farm.slave(1)).then().statusCode(200);
    }
}
