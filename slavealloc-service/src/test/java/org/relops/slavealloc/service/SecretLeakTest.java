package org.relops.slavealloc.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.relops.model.event.SlaveAllocated;
import org.relops.slavealloc.Farm;
import org.relops.slavealloc.Operator;
import org.relops.slavealloc.Slave;
import org.relops.slavealloc.importer.DumpImporter;
import org.relops.slavealloc.table.Table;
import org.relops.slavealloc.table.Tables;
import org.relops.testing.BusProbe;

import io.quarkus.test.junit.QuarkusTest;

/** A slave's password goes into its own tac only: never /api, events, logs, or the database in clear. */
@QuarkusTest
class SecretLeakTest {

    @Inject
    DumpImporter importer;

    @Inject
    EntityManager entityManager;

    @Test
    void shouldServeThePasswordOnlyInTheSlavesOwnTac() {
        String password = "pw-" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        Farm farm = Farm.named("leak").withMasters(1).withSlaves(1).importWith(importer);
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = capturing(logged);
        Logger.getLogger("").addHandler(capture);
        try (BusProbe bus = BusProbe.connect()) {
            Operator.updateSlave(farm.slave(1), Map.of("password", password, "tac_token", token));
            given().when().get("/gettac/" + farm.slave(1)).then().statusCode(200).body(containsString(password));
            bus.awaitEvent(SlaveAllocated.class, event -> event.slave().equals(farm.slave(1)));

            for (Table table : Tables.ALL) {
                String body = given().when().get("/api/" + table.name()).then().statusCode(200).extract().asString();
                assertFalse(body.contains(password) || body.contains(token), "/api/" + table.name() + " leaks");
                assertFalse(body.contains("password") || body.contains("tac_token"), "/api/" + table.name()
                        + " names a secret field");
            }
            String dryRun = given().when().get("/api/gettac/" + farm.slave(1)).then().extract().asString();
            assertFalse(dryRun.contains(password), "the dry run leaks the password");
            assertTrue(bus.events(SlaveAllocated.class, event -> event.toString().contains(password)).isEmpty());
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertTrue(logged.stream().noneMatch(line -> line.contains(password) || line.contains(token)),
                "a log line holds a secret");
    }

    @Test
    void shouldStorePasswordsEncryptedAndTokensHashed() {
        String password = "pw-" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        Farm farm = Farm.named("store").withMasters(1).withSlaves(1).importWith(importer);
        Operator.updateSlave(farm.slave(1), Map.of("password", password, "tac_token", token));

        Slave stored = Slave.findByName(farm.slave(1)).orElseThrow();
        assertTrue(stored.passwordEnc.startsWith("v1:") && !stored.passwordEnc.contains(password));
        assertFalse(stored.tacTokenHash.contains(token));
        @SuppressWarnings("unchecked")
        List<String> poolPasswords = entityManager.createNativeQuery("select password_enc from slave_passwords")
                .getResultList();
        assertTrue(poolPasswords.stream().noneMatch(value -> value.contains(Farm.PASSWORD)));
    }

    private static Handler capturing(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
