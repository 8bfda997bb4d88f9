package org.relops.inventory.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.NetworkSegment;
import org.relops.inventory.SystemState;
import org.relops.inventory.placement.Candidate;
import org.relops.inventory.placement.Placement;
import org.relops.inventory.placement.PlacementPolicy;
import org.relops.model.event.HostReleased;
import org.relops.model.event.HostReserved;
import org.relops.model.event.MachineDestroyed;
import org.relops.model.event.RelopsEvent;
import org.relops.model.event.RequestSubmitted;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.value.NetworkAttachment;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;
import org.relops.support.consume.EventContext;
import org.relops.support.outbox.EventOutbox;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Reserves systems for requests and frees them again. A placement locks every free system that
 * fits the request ({@code FOR UPDATE}, in id order) before it decides, so placements that compete
 * for the same systems take turns, across replicas too, and a system is never reserved twice;
 * placements for disjoint systems run side by side. The reservation and its events commit together.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);
    private static final String PLACEMENT = "inventory-service placement";

    private final PlacementPolicy policy = new PlacementPolicy();

    @Inject
    SystemLifecycle lifecycle;

    @Inject
    EventOutbox outbox;

    /**
     * Places a request: reserves one system per hostname and emits {@code host.reserved} for each, or
     * reserves nothing and emits {@code request.unplaceable}. A request that already holds systems is
     * left as it is. {@code cause} is the {@code request.submitted} event, or {@code null} when called
     * directly.
     */
    @Transactional
    public Placement placeRequest(RequestSubmitted request, EventContext cause) {
        RequestCheck.requireWellFormed(request);
        if (InventorySystem.countForRequest(request.requestId()) > 0) {
            LOG.infof("request %s already holds systems; placing it again changes nothing", request.requestId());
            return new Placement.Placed(List.of());
        }
        PlacementConstraints constraints = request.constraints() == null
                ? PlacementConstraints.NONE : request.constraints();
        List<InventorySystem> free = lockFreeSystems(constraints);
        Placement placement = policy.place(request.count(), constraints,
                free.stream().map(ReservationService::candidate).toList());
        if (placement instanceof Placement.Placed placed) {
            reserve(request, placed.systems(), free, cause);
        } else if (placement instanceof Placement.Unplaceable unplaceable) {
            LOG.infof("request %s is unplaceable: %s", request.requestId(), unplaceable.reason());
            emit(new RequestUnplaceable(request.requestId(), unplaceable.reason()), cause);
        }
        return placement;
    }

    /**
     * Frees the system a destroyed machine held and emits {@code host.released}, always, even when
     * nothing was reserved for it. A system now held by another machine is left alone.
     */
    @Transactional
    public void releaseMachine(MachineDestroyed destroyed, EventContext cause) {
        Optional<InventorySystem> held = destroyed.systemName() != null
                ? InventorySystem.lockByName(destroyed.systemName())
                        .filter(system -> system.isReservedFor(destroyed.requestId(), destroyed.hostname()))
                : InventorySystem.lockByMachine(destroyed.requestId(), destroyed.hostname());
        held.ifPresent(system -> {
            SystemState after = system.state == SystemState.QUARANTINED || system.state == SystemState.RETIRED
                    ? system.state : SystemState.FREE;
            Cause release = cause == null
                    ? Cause.service(PLACEMENT, "machine " + destroyed.hostname() + " destroyed", null)
                    : Cause.event(cause, "machine " + destroyed.hostname() + " destroyed; system freed");
            lifecycle.transition(system, after, release);
            system.requestId = null;
            system.hostname = null;
            system.reservedAt = null;
        });
        String systemName = held.map(system -> system.name).orElse(destroyed.systemName());
        emit(new HostReleased(destroyed.requestId(), destroyed.hostname(), systemName), cause);
    }

    /** Every free system that fits the constraints' filters, locked in id order. */
    List<InventorySystem> lockFreeSystems(PlacementConstraints constraints) {
        StringBuilder query = new StringBuilder("state = :free");
        Parameters parameters = Parameters.with("free", SystemState.FREE);
        if (constraints.datacenter() != null) {
            query.append(" and datacenter = :datacenter");
            parameters.and("datacenter", constraints.datacenter());
        }
        if (constraints.hardwareClass() != null) {
            query.append(" and hardwareClass = :hardwareClass");
            parameters.and("hardwareClass", constraints.hardwareClass());
        }
        return InventorySystem.<InventorySystem>find(query.toString(), Sort.by("id"), parameters)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    private void reserve(RequestSubmitted request, List<Candidate> chosen, List<InventorySystem> free,
            EventContext cause) {
        Map<Long, InventorySystem> byId = free.stream()
                .collect(Collectors.toMap(system -> system.id, Function.identity()));
        MachineOrder order = new MachineOrder(request.requestId(), request.image(), request.imageVersion(),
                request.appEnvironment());
        Map<String, NetworkSegment> segments = NetworkSegment.byName();
        for (int i = 0; i < chosen.size(); i++) {
            reserve(order, byId.get(chosen.get(i).id()), request.hostnames().get(i), segments, cause);
        }
        LOG.infof("request %s placed on %s (spread %s)", request.requestId(),
                chosen.stream().map(Candidate::name).toList(),
                request.constraints() == null ? Spread.NONE : request.constraints().spread());
    }

    /**
     * Reserves a locked free system for one machine and emits its {@code host.reserved}, which carries the
     * system's network attachment and provider identity; needs a transaction. {@code segments}: every
     * segment by name.
     */
    void reserve(MachineOrder order, InventorySystem system, String hostname, Map<String, NetworkSegment> segments,
            EventContext cause) {
        system.requestId = order.requestId();
        system.hostname = hostname;
        lifecycle.transition(system, SystemState.RESERVED, Cause.service(PLACEMENT,
                "reserved for " + hostname + " of request " + order.requestId(), cause));
        system.reservedAt = system.stateSince;
        emit(new HostReserved(order.requestId(), hostname, system.name, system.provider.label(),
                network(system, segments.get(system.segment)), system.identity().asMap(), system.location(),
                order.image(), order.imageVersion(), order.appEnvironment()), cause);
    }

    /** Where the system's NIC is on the network; {@code null} for a system without one (a cloud slot). */
    private static NetworkAttachment network(InventorySystem system, NetworkSegment segment) {
        if (system.nic() == null) {
            return null;
        }
        return new NetworkAttachment(system.segment, segment == null ? null : segment.cidr,
                segment == null ? null : segment.gateway, system.mac, system.address);
    }

    static Candidate candidate(InventorySystem system) {
        return new Candidate(system.id, system.name, system.datacenter, system.row, system.rack, system.hardwareClass);
    }

    void emit(RelopsEvent event, EventContext cause) {
        if (cause == null) {
            outbox.emit(event);
        } else {
            outbox.emit(event, cause);
        }
    }

    /** What a reserved machine is to run, as {@code host.reserved} tells imaging. */
    record MachineOrder(String requestId, String image, String imageVersion, String appEnvironment) {
    }
}
