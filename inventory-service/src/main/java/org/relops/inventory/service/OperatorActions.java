package org.relops.inventory.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.relops.inventory.InventorySystem;
import org.relops.inventory.SystemState;
import org.relops.inventory.SystemTransition;
import org.relops.inventory.SystemView;
import org.relops.inventory.TransitionView;
import org.relops.support.audit.AuditTrail;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;

/**
 * What an operator may do to a system by hand, always with a reason: take it out of placement
 * (quarantine), start taking it out of service (decommission), retire it, or put it back (restore).
 * A system with a machine on it can only be quarantined; the rest wait until the machine is gone.
 */
@ApplicationScoped
public class OperatorActions {

    /** An operator's action and the state it leads to. */
    public enum Action {
        QUARANTINE(SystemState.QUARANTINED, true),
        DECOMMISSION(SystemState.DECOMMISSIONING, false),
        RETIRE(SystemState.RETIRED, false),
        RESTORE(SystemState.FREE, false);

        private final SystemState target;
        private final boolean allowedWithMachine;

        Action(SystemState target, boolean allowedWithMachine) {
            this.target = target;
            this.allowedWithMachine = allowedWithMachine;
        }
    }

    @Inject
    SystemLifecycle lifecycle;

    @Inject
    AuditTrail audit;

    /**
     * Applies an action; empty when there is no such system. Throws {@link IllegalTransitionException}
     * when the system's state or its machine does not allow it.
     */
    @Transactional
    public Optional<SystemView> apply(String name, Action action, String operator, String reason) {
        Optional<InventorySystem> found = InventorySystem.lockByName(name);
        found.ifPresent(system -> {
            if (system.hasMachine() && !action.allowedWithMachine) {
                throw new IllegalTransitionException("system " + name + " holds machine " + system.hostname
                        + " of request " + system.requestId + "; decommission the machine first");
            }
            lifecycle.transition(system, action.target, Cause.operator(operator, reason));
            audit.record("system/" + name, action.name().toLowerCase(java.util.Locale.ROOT), reason);
        });
        return found.map(SystemView::of);
    }

    /** One page of the changes of a system's state, oldest first; none at all when the name was never in the inventory. */
    @Transactional
    public ListPage<TransitionView> historyOf(String name, PageParams page) {
        return ListPage.of(SystemTransition.historyOf(name), page, TransitionView::of);
    }
}
