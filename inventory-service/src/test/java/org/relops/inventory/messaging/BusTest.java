package org.relops.inventory.messaging;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.relops.inventory.InventorySystem;
import org.relops.testing.BusProbe;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the tests that talk to the service over the real bus share: the probe and a look at a system. */
abstract class BusTest {

    static BusProbe bus;

    @BeforeAll
    static void connect() {
        bus = BusProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    static InventorySystem system(String name) {
        return QuarkusTransaction.requiringNew().call(() -> InventorySystem.findByName(name).orElseThrow());
    }
}
