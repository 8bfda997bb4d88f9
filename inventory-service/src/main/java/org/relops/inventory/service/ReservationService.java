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
 * Reserves systems for requests and frees them again. A placement decides on the free systems as it reads them,
 * without locks, then locks the ones it chose ({@code FOR UPDATE}, in id order) and reserves them only if every one
 * is still free; if another placement took one meanwhile, it reads and decides again, and after a few such tries it
 * decides with every free system that fits the request locked, so placements that compete for the same systems take turns, across replicas too, and a system is
 * never reserved twice. The reservation and its events commit together.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);
    private static final String PLACEMENT = "inventory-service placement";
    /** How often a placement decides on an unlocked read before it locks every free system that fits instead. */
    private static final int OPTIMISTIC_ATTEMPTS = 3;

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
        Placement placement = null;
        Optional<List<InventorySystem>> chosen = Optional.empty();
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS && chosen.isEmpty(); attempt++) {
            // Each read sees what the placements this one waited on have committed since the last.
            placement = policy.place(request.count(), constraints, freeCandidates(constraints));
            chosen = placement instanceof Placement.Placed placed
                    ? lockIfStillFree(placed.systems()) : Optional.of(List.of());
        }
        if (chosen.isEmpty()) {
            // Other placements kept taking what this one chose: decide once more with every free system locked.
            List<InventorySystem> free = lockFreeSystems(constraints);
            placement = policy.place(request.count(), constraints,
                    free.stream().map(ReservationService::candidate).toList());
            chosen = Optional.of(free);
        }
        if (placement instanceof Placement.Placed placed) {
            reserve(request, placed.systems(), chosen.get(), cause);
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
        FreeFilter filter = FreeFilter.of(constraints);
        return InventorySystem.<InventorySystem>find(filter.where(), Sort.by("id"), filter.parameters())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * Every free system that fits the constraints' filters as placement sees it, read without locks or entities: a
     * placement locks only the systems it chose ({@link #lockIfStillFree}), not the whole free inventory.
     */
    private static List<Candidate> freeCandidates(PlacementConstraints constraints) {
        FreeFilter filter = FreeFilter.of(constraints);
        jakarta.persistence.TypedQuery<Candidate> query = InventorySystem.getEntityManager().createQuery(
                "select new " + Candidate.class.getName() + "(id, name, datacenter, row, rack, hardwareClass)"
                        + " from InventorySystem where " + filter.where() + " order by id", Candidate.class);
        filter.parameters().map().forEach(query::setParameter);
        return query.getResultList();
    }

    /** The chosen systems, locked in id order, if every one of them is still free; else empty (nothing is kept). */
    private static Optional<List<InventorySystem>> lockIfStillFree(List<Candidate> chosen) {
        List<Long> ids = chosen.stream().map(Candidate::id).sorted().toList();
        List<InventorySystem> locked = InventorySystem.<InventorySystem>find("id in ?1 and state = ?2", Sort.by("id"),
                ids, SystemState.FREE).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        return locked.size() == ids.size() ? Optional.of(locked) : Optional.empty();
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

    /** Which systems a placement may choose from: the free ones in the constraints' datacenter and hardware class. */
    private record FreeFilter(String where, Parameters parameters) {

        static FreeFilter of(PlacementConstraints constraints) {
            StringBuilder where = new StringBuilder("state = :free");
            Parameters parameters = Parameters.with("free", SystemState.FREE);
            if (constraints.datacenter() != null) {
                where.append(" and datacenter = :datacenter");
                parameters.and("datacenter", constraints.datacenter());
            }
            if (constraints.hardwareClass() != null) {
                where.append(" and hardwareClass = :hardwareClass");
                parameters.and("hardwareClass", constraints.hardwareClass());
            }
            return new FreeFilter(where.toString(), parameters);
        }
    }

    /** What a reserved machine is to run, as {@code host.reserved} tells imaging. */
    record MachineOrder(String requestId, String image, String imageVersion, String appEnvironment) {
    }
}
