package org.relops.inventory.service;

import static org.relops.inventory.SystemState.DECOMMISSIONING;
import static org.relops.inventory.SystemState.FAILED;
import static org.relops.inventory.SystemState.FREE;
import static org.relops.inventory.SystemState.PROVISIONING;
import static org.relops.inventory.SystemState.QUARANTINED;
import static org.relops.inventory.SystemState.READY;
import static org.relops.inventory.SystemState.REIMAGING;
import static org.relops.inventory.SystemState.RESERVED;
import static org.relops.inventory.SystemState.RETIRED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.inventory.InventorySystem;
import org.relops.inventory.SystemState;
import org.relops.inventory.SystemTransition;
import org.relops.model.event.SystemStateChanged;
import org.relops.support.outbox.EventOutbox;

/**
 * The one place a system's state changes. Knows which changes are allowed; writes each one with its
 * audit record and its {@code system.state.changed} event, in the caller's transaction.
 */
@ApplicationScoped
public class SystemLifecycle {

    private static final Map<SystemState, Set<SystemState>> ALLOWED = Map.of(
            FREE, EnumSet.of(RESERVED, QUARANTINED, DECOMMISSIONING, RETIRED),
            RESERVED, EnumSet.of(PROVISIONING, READY, FAILED, DECOMMISSIONING, QUARANTINED, FREE),
            PROVISIONING, EnumSet.of(READY, FAILED, DECOMMISSIONING, QUARANTINED, FREE),
            READY, EnumSet.of(REIMAGING, FAILED, DECOMMISSIONING, QUARANTINED, FREE),
            REIMAGING, EnumSet.of(READY, FAILED, DECOMMISSIONING, QUARANTINED, FREE),
            FAILED, EnumSet.of(REIMAGING, READY, DECOMMISSIONING, QUARANTINED, FREE, RETIRED),
            QUARANTINED, EnumSet.of(FREE, DECOMMISSIONING, RETIRED),
            DECOMMISSIONING, EnumSet.of(FREE, QUARANTINED, RETIRED),
            RETIRED, EnumSet.of(FREE, QUARANTINED));

    @Inject
    EventOutbox outbox;

    public static boolean allows(SystemState from, SystemState to) {
        return from == to || ALLOWED.get(from).contains(to);
    }

    /**
     * Moves a system to a new state (a no-op when it is already there). Throws
     * {@link IllegalTransitionException} for a change the lifecycle does not allow.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transition(InventorySystem system, SystemState to, Cause cause) {
        if (system.state == to) {
            return;
        }
        if (!allows(system.state, to)) {
            throw new IllegalTransitionException("system " + system.name + " cannot go from " + system.state.label()
                    + " to " + to.label());
        }
        SystemState from = system.state;
        system.state = to;
        system.stateSince = cause.time();
        system.stateCause = cause.clock();
        record(system, from, to, cause);
    }

    /** A new system enters the inventory. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void register(InventorySystem system, Cause cause) {
        system.stateSince = cause.time();
        system.persist();
        record(system, null, system.state, cause);
    }

    /** A system leaves the inventory; its history stays. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(InventorySystem system, Cause cause) {
        record(system, system.state, null, cause);
        system.delete();
    }

    private void record(InventorySystem system, SystemState from, SystemState to, Cause cause) {
        SystemTransition transition = new SystemTransition();
        transition.systemName = system.name;
        transition.from = from;
        transition.to = to;
        transition.actor = cause.actor();
        transition.reason = cause.reason();
        transition.requestId = system.requestId;
        transition.hostname = system.hostname;
        transition.causeEventId = cause.event() == null ? null : cause.event().eventId();
        transition.at = cause.time();
        transition.persist();
        SystemStateChanged changed = new SystemStateChanged(system.requestId, system.hostname, system.name,
                from == null ? null : from.label(), to == null ? null : to.label(), cause.actor(), cause.reason());
        if (cause.event() == null) {
            outbox.emit(changed);
        } else {
            outbox.emit(changed, cause.event());
        }
    }
}
