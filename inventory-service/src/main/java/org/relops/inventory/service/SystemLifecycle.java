package org.relops.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.relops.inventory.InventorySystem;
import org.relops.inventory.SystemState;
import org.relops.inventory.SystemTransition;

/**
 * The one place a system's state changes: each change is written with its audit record in the
 * caller's transaction.
 */
@ApplicationScoped
public class SystemLifecycle {

    /** Moves a system to a new state (a no-op when it is already there). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transition(InventorySystem system, SystemState to, Cause cause) {
        if (system.state == to) {
            return;
        }
        SystemState from = system.state;
        system.state = to;
        system.stateSince = cause.time();
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
    }
}
