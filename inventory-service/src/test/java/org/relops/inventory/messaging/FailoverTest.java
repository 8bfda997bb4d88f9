package org.relops.inventory.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Requests;
import org.relops.inventory.SystemState;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineReplacementRequested;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FailoverTest extends BusTest {

    private static final PlacementConstraints RACK_SPREAD = new PlacementConstraints("scl3", Spread.RACK, "failover");

    @Test
    void shouldQuarantineTheFailedSystemAndMoveTheMachineToAFreeRackOfItsOwn() {
        RequestSubmitted request = Requests.constrained(2, RACK_SPREAD);
        bus.publish(request);
        List<HostReserved> placed = Outcomes.awaitReservations(bus, request);
        HostReserved failing = placed.get(0);
        HostReserved sibling = placed.get(1);

        bus.publish(replacement(request, failing.hostname(), failing.systemName()));

        HostReserved moved = bus.awaitEvent(HostReserved.class, host -> host.hostname().equals(failing.hostname())
                && !host.systemName().equals(failing.systemName()));
        assertNotEquals(sibling.location(), moved.location());
        assertNotEquals(failing.location(), moved.location());
        InventorySystem old = system(failing.systemName());
        assertEquals(SystemState.QUARANTINED, old.state);
        assertNull(old.requestId);
        assertEquals(SystemState.RESERVED, system(moved.systemName()).state);

        bus.publish(replacement(request, failing.hostname(), moved.systemName()));

        assertEquals("replacing " + failing.hostname() + ": 1 requested, 0 free systems of hardware class 'failover'"
                + " in scl3 (apart from the racks of its other machines)", bus.awaitEvent(RequestUnplaceable.class,
                        event -> event.requestId().equals(request.requestId())).reason());
    }

    private static MachineReplacementRequested replacement(RequestSubmitted request, String hostname, String system) {
        return new MachineReplacementRequested(request.requestId(), hostname, system, request.image(),
                request.imageVersion(), request.appEnvironment(), request.constraints(), "stopped phoning home");
    }
}
