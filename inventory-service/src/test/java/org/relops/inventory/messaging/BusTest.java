package org.relops.inventory.messaging;

import org.relops.inventory.InventorySystem;
import org.relops.testing.WithBusProbe;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the tests that talk to the service over the real bus share: the probe and a look at a system. */
abstract class BusTest extends WithBusProbe {

    static InventorySystem system(String name) {
        return QuarkusTransaction.requiringNew().call(() -> InventorySystem.findByName(name).orElseThrow());
    }
}
