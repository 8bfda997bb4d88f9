package org.relops.inventory.messaging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.NetworkSegment;
import org.relops.inventory.Requests;
import org.relops.inventory.SystemState;
import org.relops.inventory.network.Ipv4Address;
import org.relops.inventory.network.Ipv4Network;
import org.relops.model.envelope.CloudEvent;
import org.relops.model.event.HostReserved;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.value.Location;
import org.relops.model.value.NetworkAttachment;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestPlacementTest extends BusTest {

    @Test
    void shouldReserveOneSystemPerHostnameAndTellImagingEverythingItNeeds() {
        RequestSubmitted request = Requests.forPool("basic", 2);

        CloudEvent submitted = bus.publish(request);

        List<HostReserved> reserved = Outcomes.awaitReservations(bus, request);
        assertThat(reserved.stream().map(HostReserved::hostname).toList(),
                containsInAnyOrder(request.hostnames().toArray()));
        for (HostReserved host : reserved) {
            InventorySystem system = system(host.systemName());
            assertEquals(SystemState.RESERVED, system.state);
            assertEquals(request.requestId(), system.requestId);
            assertEquals(host.hostname(), system.hostname);
            assertEquals("qemu", host.provider());
            assertThat(host.mac(), startsWith("52:54:00:"));
            NetworkSegment segment = segment(system.segment);
            assertEquals(new NetworkAttachment(system.segment, segment.cidr, segment.gateway, system.mac,
                    system.address), host.network());
            assertTrue(Ipv4Network.parse(segment.cidr).network()
                    .isHost(Ipv4Address.parse(host.network().address()).orElseThrow()), host.network().toString());
            assertEquals(Map.of(), host.providerIdentity());
            assertEquals(new Location(system.datacenter, system.row, system.rack), host.location());
            assertEquals(Requests.IMAGE, host.image());
            assertEquals(Requests.IMAGE_VERSION, host.imageVersion());
            assertEquals(Requests.APP_ENVIRONMENT, host.appEnvironment());
        }
        CloudEvent envelope = bus.awaitEnvelope(HostReserved.class,
                host -> host.requestId().equals(request.requestId()));
        assertEquals(request.requestId(), envelope.correlationid());
        assertEquals(submitted.id(), envelope.causationid());
        assertEquals("2.0", envelope.eventversion());
    }

    @Test
    void shouldTellImagingTheNetworkAttachmentAndTheProviderIdentityWithSecretReferencesOnly() {
        RequestSubmitted request = Requests.forPool("baremetal", 1);

        bus.publish(request);

        HostReserved host = Outcomes.awaitReservations(bus, request).get(0);
        assertEquals("bm-01", host.systemName());
        assertEquals("baremetal", host.provider());
        assertEquals(new NetworkAttachment("pdx1-r2-r3", "10.3.2.0/24", "10.3.2.1", "a0:36:9f:12:34:56", "10.3.2.16"),
                host.network());
        assertEquals(Map.of("bmcAddress", "10.20.0.7", "secretRef", "vault:relops/bmc/bm-01"),
                host.providerIdentity());
    }

    @Test
    void shouldReportUnplaceableWithTheReasonAndReserveNothingWhenTooFewSystemsAreFree() {
        RequestSubmitted request = Requests.forPool("scarce", 3);

        bus.publish(request);

        RequestUnplaceable unplaceable = bus.awaitEvent(RequestUnplaceable.class,
                event -> event.requestId().equals(request.requestId()));
        assertEquals("3 requested, 2 free systems of hardware class 'scarce'", unplaceable.reason());
        assertThat(bus.events(HostReserved.class, host -> host.requestId().equals(request.requestId())), is(empty()));
        List<SystemState> states = QuarkusTransaction.requiringNew().call(() -> InventorySystem
                .<InventorySystem>list("hardwareClass", "scarce").stream().map(system -> system.state).toList());
        assertThat(states, everyItem(is(SystemState.FREE)));
    }

    @Test
    void shouldPlaceEveryMachineInARackOfItsOwnWhenTheRequestAsksForIt() {
        PlacementConstraints rackSpread = new PlacementConstraints("scl3", Spread.RACK, "spread");
        RequestSubmitted tooMany = Requests.constrained(4, rackSpread);
        RequestSubmitted fitting = Requests.constrained(3, rackSpread);

        bus.publish(tooMany);
        bus.publish(fitting);

        assertEquals("4 requested, 3 racks free of hardware class 'spread' in scl3", bus.awaitEvent(
                RequestUnplaceable.class, event -> event.requestId().equals(tooMany.requestId())).reason());
        List<HostReserved> reserved = Outcomes.awaitReservations(bus, fitting);
        assertEquals(3, reserved.stream().map(host -> host.location().toString()).distinct().count());
        assertThat(bus.events(HostReserved.class, host -> host.requestId().equals(tooMany.requestId())), is(empty()));
    }

    @Test
    void shouldNeverDoubleBookASystemWhenManyRequestsArriveAtOnce() {
        List<RequestSubmitted> requests = IntStream.range(0, 20)
                .mapToObj(i -> Requests.forPool("contended", 3)).toList();

        requests.parallelStream().forEach(bus::publish);

        List<String> placed = new ArrayList<>();
        int unplaceable = 0;
        for (RequestSubmitted request : requests) {
            if (Outcomes.awaitPlaced(bus, request)) {
                List<HostReserved> reserved = Outcomes.awaitReservations(bus, request);
                assertEquals(3, reserved.size(), "all or nothing for " + request.requestId());
                reserved.forEach(host -> placed.add(host.systemName()));
            } else {
                unplaceable++;
            }
        }
        assertEquals(30, placed.size());
        assertEquals(30, new HashSet<>(placed).size(), "a system was reserved twice: " + placed);
        assertEquals(10, unplaceable);
        assertEquals(30L, QuarkusTransaction.requiringNew().call(() -> InventorySystem.count(
                "hardwareClass = ?1 and state = ?2", "contended", SystemState.RESERVED)));
    }

    @Test
    void shouldChangeNothingWhenRequestSubmittedIsDeliveredAgain() {
        RequestSubmitted request = Requests.forPool("redelivery", 2);
        CloudEvent envelope = bus.publish(request);
        List<HostReserved> first = Outcomes.awaitReservations(bus, request);

        bus.publish(envelope);
        bus.publish(request);
        RequestSubmitted marker = Requests.forPool("marker", 1);
        bus.publish(marker);
        Outcomes.awaitReservations(bus, marker);

        assertEquals(new HashSet<>(first),
                new HashSet<>(bus.events(HostReserved.class, host -> host.requestId().equals(request.requestId()))));
        assertEquals(2, bus.events(HostReserved.class, host -> host.requestId().equals(request.requestId())).size());
        assertEquals(2L, QuarkusTransaction.requiringNew()
                .call(() -> InventorySystem.countForRequest(request.requestId())));
    }

    private static NetworkSegment segment(String name) {
        return QuarkusTransaction.requiringNew().call(() -> NetworkSegment.byName().get(name));
    }
}
