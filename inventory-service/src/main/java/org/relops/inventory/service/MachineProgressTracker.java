package org.relops.inventory.service;

import static org.relops.inventory.SystemState.DECOMMISSIONING;
import static org.relops.inventory.SystemState.FAILED;
import static org.relops.inventory.SystemState.PROVISIONING;
import static org.relops.inventory.SystemState.QUARANTINED;
import static org.relops.inventory.SystemState.READY;
import static org.relops.inventory.SystemState.REIMAGING;
import static org.relops.inventory.SystemState.RETIRED;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.relops.inventory.InventorySystem;
import org.relops.inventory.SystemState;
import org.relops.model.event.DecommissionRequested;
import org.relops.model.event.MachineBooted;
import org.relops.model.event.MachineFailed;
import org.relops.model.event.MachineProvisioning;
import org.relops.model.event.MachineReady;
import org.relops.model.event.RelopsEvent;
import org.relops.support.consume.EventContext;

/**
 * Moves a system through its lifecycle as the request flow reports on the machine it holds:
 * provisioning (reimaging when the machine had been up), ready, failed, decommissioning. An event
 * about a machine no system holds, one that would make a change the lifecycle does not allow, and
 * one older than the event that set the current state, change nothing: events are facts that may
 * arrive late or twice, never errors.
 */
@ApplicationScoped
public class MachineProgressTracker {

    private static final Logger LOG = Logger.getLogger(MachineProgressTracker.class);

    @Inject
    SystemLifecycle lifecycle;

    @Transactional
    public void follow(RelopsEvent event, EventContext context) {
        MachineFact fact = MachineFact.of(event);
        Optional<InventorySystem> held = fact.systemName() != null
                ? InventorySystem.lockByName(fact.systemName())
                        .filter(system -> system.isReservedFor(fact.requestId(), fact.hostname()))
                : InventorySystem.lockByMachine(fact.requestId(), fact.hostname());
        if (held.isEmpty()) {
            LOG.debugf("%s: no system holds machine %s of request %s", context.type(), fact.hostname(),
                    fact.requestId());
            return;
        }
        InventorySystem system = held.get();
        SystemState target = fact.target(system.state);
        if (target == system.state || system.state == QUARANTINED || system.state == RETIRED) {
            return;
        }
        if (isOlderThanCurrentState(system, context)) {
            LOG.infof("%s for %s is older than its current state %s; ignored", context.type(), system.name,
                    system.state.label());
            return;
        }
        if (!SystemLifecycle.allows(system.state, target)) {
            LOG.infof("%s cannot move %s from %s to %s; ignored", context.type(), system.name,
                    system.state.label(), target.label());
            return;
        }
        lifecycle.transition(system, target, Cause.event(context, fact.reason()));
    }

    private static boolean isOlderThanCurrentState(InventorySystem system, EventContext context) {
        return context.time() != null && context.source().equals(system.stateCause)
                && context.time().isBefore(system.stateSince);
    }

    /** What an event says about a machine, reduced to what the lifecycle needs. */
    private record MachineFact(String requestId, String hostname, String systemName, Kind kind, String reason) {

        enum Kind { PROVISION, UP, FAILURE, DECOMMISSION }

        static MachineFact of(RelopsEvent event) {
            if (event instanceof MachineProvisioning e) {
                return new MachineFact(e.requestId(), e.hostname(), e.systemName(), Kind.PROVISION,
                        "imaging puts " + e.image() + (e.imageVersion() == null ? "" : ":" + e.imageVersion())
                                + " on machine " + e.hostname());
            }
            if (event instanceof MachineBooted e) {
                return new MachineFact(e.requestId(), e.hostname(), e.systemName(), Kind.UP,
                        "machine " + e.hostname() + " booted at " + e.address());
            }
            if (event instanceof MachineReady e) {
                return new MachineFact(e.requestId(), e.hostname(), null, Kind.UP,
                        "machine " + e.hostname() + " is ready");
            }
            if (event instanceof MachineFailed e) {
                return new MachineFact(e.requestId(), e.hostname(), e.systemName(), Kind.FAILURE,
                        "machine " + e.hostname() + " failed: " + e.reason());
            }
            if (event instanceof DecommissionRequested e) {
                return new MachineFact(e.requestId(), e.hostname(), e.systemName(), Kind.DECOMMISSION,
                        "machine " + e.hostname() + " is being decommissioned");
            }
            throw new IllegalArgumentException("not an event about a machine's progress: " + event);
        }

        SystemState target(SystemState current) {
            return switch (kind) {
                case PROVISION -> current == READY || current == FAILED || current == REIMAGING
                        ? REIMAGING : PROVISIONING;
                case UP -> READY;
                case FAILURE -> FAILED;
                case DECOMMISSION -> DECOMMISSIONING;
            };
        }
    }
}
