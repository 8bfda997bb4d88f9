package org.relops.slavealloc.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relops.slavealloc.Operator.gettacMasterHost;
import static org.relops.slavealloc.Operator.operator;
import static org.relops.slavealloc.Operator.updateMaster;
import static org.relops.slavealloc.Operator.updateSlave;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.rest.GettacResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A cached tac is never served once something it depends on changed: through this replica's API, through
 * its allocations, or through another replica, which shares nothing with this one but the database (the
 * tests write there directly, as another replica would). Each test first warms the cache and checks that
 * it holds the slave's tac.
 */
@QuarkusTest
class TacCacheTest {

    private static final String ELSEWHERE = "10.9.8.7";

    @Inject
    DumpImporter importer;

    @Inject
    TacCache cache;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldMoveAWarmSlaveOffItsMasterOnceThatMasterIsDisabled() {
        Farm farm = Farm.named("warm-drain").withMasters(2).withSlaves(1).importWith(importer);
        assertEquals(farm.fqdn(1), warm(farm.slave(1)));

        updateMaster(farm.master(1), Map.of("enabled", false));

        assertEquals(farm.fqdn(2), gettacMasterHost(farm.slave(1)));
    }

    @Test
    void shouldMoveAWarmSlaveOffAMasterThatAnotherReplicaDisabled() throws SQLException {
        Farm farm = Farm.named("warm-replica").withMasters(2).withSlaves(1).importWith(importer);
        assertEquals(farm.fqdn(1), warm(farm.slave(1)));

        asAnotherReplica("update masters set enabled = false where lower(nickname) = lower(?)", farm.master(1));

        assertEquals(farm.fqdn(2), gettacMasterHost(farm.slave(1)));
    }

    @Test
    void shouldServeAWarmSlaveTheFqdnAnotherReplicaGaveItsMaster() throws SQLException {
        Farm farm = Farm.named("warm-fqdn").withMasters(1).withSlaves(1).importWith(importer);
        warm(farm.slave(1));

        asAnotherReplica("update masters set fqdn = 'moved.' || fqdn where lower(nickname) = lower(?)",
                farm.master(1));

        assertEquals("moved." + farm.fqdn(1), gettacMasterHost(farm.slave(1)));
    }

    @Test
    void shouldMoveAWarmSlaveWhenAnotherSlavesDetachingUnbalancesItsSilo() {
        Farm farm = Farm.named("warm-silo").withMasters(2).withSlaves(3).importWith(importer);
        gettacMasterHost(farm.slave(1));
        gettacMasterHost(farm.slave(2));
        // the third goes to m1 (a tie at one each, broken by name) and stays there while the others stay
        assertEquals(farm.fqdn(1), warm(farm.slave(3)));

        updateSlave(farm.slave(2), Map.of("enabled", false));
        given().when().get("/gettac/" + farm.slave(2)).then().statusCode(200);

        assertEquals(farm.fqdn(2), gettacMasterHost(farm.slave(3)), "m2 has none of the silo left, m1 the other");
    }

    @Test
    void shouldServeAWarmSlaveItsNewPassword() {
        Farm farm = Farm.named("warm-password").withMasters(1).withSlaves(1).importWith(importer);
        warm(farm.slave(1));

        updateSlave(farm.slave(1), Map.of("password", "a-new-slave-password"));

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200)
                .body(containsString("a-new-slave-password")).body(not(containsString(Farm.PASSWORD)));
    }

    @Test
    void shouldRefuseAWarmSlavesTacToTheAddressItNoLongerHas() {
        Farm farm = Farm.named("warm-address").withMasters(1).withSlaves(1).importWith(importer);
        warm(farm.slave(1));

        updateSlave(farm.slave(1), Map.of("address", ELSEWHERE));

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(403);
    }

    @Test
    void shouldRefuseAWarmSlavesOldTokenOnceItHasANewOne() {
        String oldToken = "old-token-" + UUID.randomUUID();
        Farm farm = Farm.named("warm-token").withMasters(1);
        Map<String, Object> slave = farm.slave(farm.slave(1), "build");
        slave.put("address", ELSEWHERE);
        farm.withSlave(slave).importWith(importer);
        updateSlave(farm.slave(1), Map.of("tac_token", oldToken));
        gettacWithToken(farm.slave(1), oldToken).statusCode(200);
        gettacWithToken(farm.slave(1), oldToken).statusCode(200);
        assertTrue(cache.holds(farm.slave(1)));

        updateSlave(farm.slave(1), Map.of("tac_token", "new-token-" + UUID.randomUUID()));

        gettacWithToken(farm.slave(1), oldToken).statusCode(403);
    }

    @Test
    void shouldServeAWarmSlaveTheTemplateItsPoolWasGivenAndThenItsNewText() {
        Farm farm = Farm.named("warm-template").withMasters(1).withSlaves(1).importWith(importer);
        warm(farm.slave(1));
        String template = farm.pool + "-tpl";
        operator().body(Map.of("name", template, "template", "first %(slavename)s %(passwd)r\n"))
                .when().post("/api/tac_templates").then().statusCode(201);

        operator().body(Map.of("default_tpl", template)).when().put("/api/pools/" + farm.pool + "?byname=1")
                .then().statusCode(200);
        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200)
                .body(containsString("first " + farm.slave(1)));
        assertTrue(cache.holds(farm.slave(1)));
        operator().body(Map.of("template", "second %(slavename)s %(passwd)r\n"))
                .when().put("/api/tac_templates/" + template + "?byname=1").then().statusCode(200);

        given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200)
                .body(containsString("second " + farm.slave(1)));
    }

    @Test
    void shouldKeepServingAWarmSlaveWhenOnlyItsNotesChange() {
        Farm farm = Farm.named("warm-notes").withMasters(2).withSlaves(1).importWith(importer);
        String master = warm(farm.slave(1));

        updateSlave(farm.slave(1), Map.of("notes", "rack 4"));

        assertEquals(master, gettacMasterHost(farm.slave(1)));
        assertTrue(cache.holds(farm.slave(1)));
    }

    /** Fetches the slave's tac twice (the second from a slave that stays) and checks the cache holds it. */
    private String warm(String slave) {
        gettacMasterHost(slave);
        String master = gettacMasterHost(slave);
        assertTrue(cache.holds(slave), slave + "'s tac is not cached");
        return master;
    }

    private static ValidatableResponse gettacWithToken(String slave, String token) {
        return given().header(GettacResource.TOKEN_HEADER, token).when().get("/gettac/" + slave).then();
    }

    private void asAnotherReplica(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
