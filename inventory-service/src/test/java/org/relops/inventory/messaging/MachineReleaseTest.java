package org.relops.inventory.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.Requests;
import org.relops.inventory.SystemState;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.envelope.EnvelopeCodec;
import org.relops.model.event.HostReleased;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.RequestSubmitted;
import org.relops.testing.BusProbe;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MachineReleaseTest extends BusTest {

    @Test
    void shouldFreeTheSystemAndAnswerHostReleasedWhenItsMachineIsDestroyed() {
        HostReserved host = reserveOne("release");

        bus.publish(new MachineDestroyed(host.requestId(), host.hostname(), host.systemName(), false));

        HostReleased released = bus.awaitEvent(HostReleased.class, event -> event.hostname().equals(host.hostname()));
        assertEquals(host.requestId(), released.requestId());
        assertEquals(host.systemName(), released.systemName());
        InventorySystem system = system(host.systemName());
        assertEquals(SystemState.FREE, system.state);
        assertNull(system.requestId);
        assertNull(system.hostname);
    }

    @Test
    void shouldAnswerHostReleasedEvenForAMachineItNeverReserved() {
        bus.publish(new MachineDestroyed("req-unknown", "never-reserved", null, true));

        HostReleased released = bus.awaitEvent(HostReleased.class, event -> event.hostname().equals("never-reserved"));
        assertEquals("req-unknown", released.requestId());
        assertNull(released.systemName());
    }

    @Test
    void shouldLeaveASystemAloneThatAnotherMachineHoldsNow() {
        HostReserved host = reserveOne("release");

        bus.publish(new MachineDestroyed("req-long-gone", "old-machine", host.systemName(), false));

        bus.awaitEvent(HostReleased.class, event -> event.hostname().equals("old-machine"));
        InventorySystem system = system(host.systemName());
        assertEquals(SystemState.RESERVED, system.state);
        assertEquals(host.requestId(), system.requestId);
    }

    @Test
    void shouldAnswerOnceWhenMachineDestroyedIsDeliveredAgain() {
        HostReserved host = reserveOne("release");
        CloudEvent destroyed = bus.publish(new MachineDestroyed(host.requestId(), host.hostname(), host.systemName(),
                false));
        bus.awaitEvent(HostReleased.class, event -> event.hostname().equals(host.hostname()));

        bus.publish(destroyed);
        RequestSubmitted marker = Requests.forPool("marker", 1);
        bus.publish(marker);
        Outcomes.awaitReservations(bus, marker);

        assertEquals(1, bus.events(HostReleased.class, event -> event.hostname().equals(host.hostname())).size());
        assertEquals(SystemState.FREE, system(host.systemName()).state);
    }

    @Test
    void shouldDeadLetterARequestThatNamesFewerHostnamesThanItsCount() {
        RequestSubmitted valid = Requests.forPool("marker", 2);
        RequestSubmitted malformed = new RequestSubmitted(valid.requestId(), valid.image(), null, 3, "production",
                valid.hostnames(), valid.constraints());

        bus.publish(malformed);

        BusProbe.DeadLetter dead = bus.awaitDeadLetter("inventory-service",
                letter -> EnvelopeCodec.decode(letter.body()).subject().equals(valid.requestId()));
        assertEquals("request " + valid.requestId() + " asks for 3 machines but names 2 hostnames", dead.reason());
        assertEquals(0L, QuarkusTransaction.requiringNew()
                .call(() -> InventorySystem.countForRequest(valid.requestId())));
    }

    private static HostReserved reserveOne(String pool) {
        RequestSubmitted request = Requests.forPool(pool, 1);
        bus.publish(request);
        List<HostReserved> reserved = Outcomes.awaitReservations(bus, request);
        return reserved.get(0);
    }
}
