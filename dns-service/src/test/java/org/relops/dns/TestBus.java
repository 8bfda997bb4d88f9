package org.relops.dns;

import org.relops.testing.BusProbe;

/** One bus probe for every test class of the run (they share one application), connected on first use. */
public final class TestBus {

    private static BusProbe probe;

    private TestBus() {
    }

    public static synchronized BusProbe probe() {
        if (probe == null) {
            probe = BusProbe.connect();
            Runtime.getRuntime().addShutdownHook(new Thread(probe::close));
        }
        return probe;
    }
}
