package org.relops.inventory.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.NetworkSegment;
import org.relops.inventory.SystemState;
import org.relops.inventory.placement.Candidate;
import org.relops.inventory.placement.Placement;
import org.relops.inventory.placement.PlacementPolicy;
import org.relops.inventory.service.ReservationService.MachineOrder;
import org.relops.model.event.MachineReplacementRequested;
import org.relops.model.event.RequestUnplaceable;
import org.relops.model.value.PlacementConstraints;
import org.relops.model.value.Spread;
import org.relops.support.consume.EventContext;

/**
 * Failover's part in the inventory: quarantines the system a failed machine was on and reserves
 * another for the same hostname, honouring the request's constraints. Under a strict spread the
 * rack, row or datacenter of the request's other machines is excluded; otherwise it is only
 * avoided where there is a choice. No system for it: {@code request.unplaceable} with the reason.
 */
@ApplicationScoped
public class ReplacementService {

    private static final Logger LOG = Logger.getLogger(ReplacementService.class);

    private final PlacementPolicy policy = new PlacementPolicy();

    @Inject
    ReservationService reservations;

    @Inject
    SystemLifecycle lifecycle;

    @Transactional
    public Placement replaceMachine(MachineReplacementRequested replacement, EventContext cause) {
        String requestId = replacement.requestId();
        String hostname = replacement.hostname();
        Optional<InventorySystem> failed = replacement.failedSystemName() != null
                ? InventorySystem.lockByName(replacement.failedSystemName())
                        .filter(system -> system.isReservedFor(requestId, hostname))
                : InventorySystem.lockByMachine(requestId, hostname);
        if (failed.isEmpty() && InventorySystem.lockByMachine(requestId, hostname).isPresent()) {
            LOG.infof("machine %s of request %s is already on another system", hostname, requestId);
            return new Placement.Placed(List.of());
        }
        failed.ifPresent(system -> quarantine(system, replacement, cause));
        PlacementConstraints constraints = replacement.constraints() == null
                ? PlacementConstraints.NONE : replacement.constraints();
        List<InventorySystem> free = reservations.lockFreeSystems(constraints);
        Set<String> taken = InventorySystem.<InventorySystem>list("requestId", requestId).stream()
                .map(system -> domain(system.datacenter, system.row, system.rack, constraints.spread()))
                .collect(Collectors.toSet());
        List<Candidate> apart = free.stream().map(ReservationService::candidate)
                .filter(candidate -> !taken.contains(domain(candidate.datacenter(), candidate.row(), candidate.rack(),
                        constraints.spread())))
                .toList();
        List<Candidate> candidates = constraints.spread() == Spread.NONE && apart.isEmpty()
                ? free.stream().map(ReservationService::candidate).toList() : apart;
        Placement placement = policy.place(1, constraints, candidates);
        if (placement instanceof Placement.Placed placed) {
            Map<Long, InventorySystem> byId = free.stream()
                    .collect(Collectors.toMap(system -> system.id, Function.identity()));
            InventorySystem chosen = byId.get(placed.systems().get(0).id());
            reservations.reserve(new MachineOrder(requestId, replacement.image(), replacement.imageVersion(),
                    replacement.appEnvironment()), chosen, hostname, NetworkSegment.byName(), cause);
            LOG.infof("machine %s of request %s moves to %s", hostname, requestId, chosen.name);
        } else if (placement instanceof Placement.Unplaceable unplaceable) {
            String excluded = constraints.spread() == Spread.NONE ? ""
                    : " (apart from the " + constraints.spread().name().toLowerCase(Locale.ROOT)
                            + "s of its other machines)";
            reservations.emit(new RequestUnplaceable(requestId, "replacing " + hostname + ": "
                    + unplaceable.reason() + excluded), cause);
        }
        return placement;
    }

    private void quarantine(InventorySystem system, MachineReplacementRequested replacement, EventContext cause) {
        Cause why = cause == null
                ? Cause.service("failover", "machine " + replacement.hostname() + " failed: " + replacement.reason(),
                        null)
                : Cause.event(cause, "machine " + replacement.hostname() + " failed and is replaced elsewhere: "
                        + replacement.reason());
        if (system.state != SystemState.RETIRED) {
            lifecycle.transition(system, SystemState.QUARANTINED, why);
        }
        system.requestId = null;
        system.hostname = null;
        system.reservedAt = null;
    }

    /** The location a strict spread keeps machines apart by; with no spread, the rack is avoided. */
    private static String domain(String datacenter, String row, String rack, Spread spread) {
        return switch (spread) {
            case DATACENTER -> datacenter;
            case ROW -> datacenter + "/" + row;
            case RACK, NONE -> datacenter + "/" + row + "/" + rack;
        };
    }
}
