package org.relops.inventory.messaging;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;

import org.relops.model.event.HostReserved;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.testing.BusProbe;

/** Waits on the bus for what placement answered to a request. */
final class Outcomes {

    private Outcomes() {
    }

    /** Every {@code host.reserved} of the request, once there is one per machine. */
    static List<HostReserved> awaitReservations(BusProbe bus, RequestSubmitted request) {
        return await().until(
                () -> bus.events(HostReserved.class, host -> host.requestId().equals(request.requestId())),
                reserved -> reserved.size() >= request.count());
    }

    /** {@code true} once the request was placed, {@code false} once it was found unplaceable. */
    static boolean awaitPlaced(BusProbe bus, RequestSubmitted request) {
        return await().until(() -> {
            if (!bus.events(HostReserved.class, host -> host.requestId().equals(request.requestId())).isEmpty()) {
                return Optional.of(true);
            }
            if (!bus.events(RequestUnplaceable.class, event -> event.requestId().equals(request.requestId()))
                    .isEmpty()) {
                return Optional.of(false);
            }
            return Optional.<Boolean>empty();
        }, Optional::isPresent).orElseThrow();
    }
}
