package org.relops.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of a test class that feeds and watches the real bus: one {@link BusProbe}, connected with the running
 * application's bus configuration before the class's first test and closed after its last.
 */
public abstract class WithBusProbe {

    protected static BusProbe bus;

    @BeforeAll
    static void connectProbe() {
        bus = BusProbe.connect();
    }

    @AfterAll
    static void closeProbe() {
        if (bus != null) {
            bus.close();
        }
    }
}
